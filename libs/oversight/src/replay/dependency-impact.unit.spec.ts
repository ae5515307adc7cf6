import { history } from '../domain/assess.fixtures';
import type { RecordedOversightEvent } from '../domain/oversight.events';
import { dependencyImpact } from './dependency-impact';
import { asStream } from './replay.fixtures';

const stream = (id: string, events: RecordedOversightEvent[]) => ({
  id,
  events: asStream(events.map((e) => ({ ...e, eventId: `${id}:${e.eventId}` }))),
});

/**
 * Eastbay (a data center carved out by Acme under its registration, and by Bolt through its
 * report's subservice list): no assurance until its 2023 report is accepted on 2024-01-25, the
 * 2024 fiscal year end uncovered, expired from 2025-01-01, assured again on 2025-02-15.
 */
const eastbay = stream('dc', history('2024-01-02')
  .registered({ organizationId: 'dc', name: 'Eastbay Colo', parentOrganizationId: 'acme', inclusionMethod: 'CARVE_OUT' })
  .on('2024-01-20').report('s1', { period: ['2023-01-01', '2023-12-31'] })
  .on('2024-01-25').accepted('s1')
  .on('2025-02-10').report('s2', { period: ['2024-01-01', '2024-12-31'] })
  .on('2025-02-15').accepted('s2')
  .build());
const acme = stream('acme', history('2024-01-02').registered({ organizationId: 'acme', name: 'Acme Payroll', role: 'VENDOR' })
  .on('2024-01-10').report('a1', { period: ['2023-01-01', '2023-12-31'] })
  .on('2024-01-12').accepted('a1')
  .build());
const bolt = stream('bolt', history('2024-01-02').registered({ organizationId: 'bolt', name: 'Bolt HR', role: 'VENDOR' })
  .on('2024-07-20').report('b1', { period: ['2023-07-01', '2024-06-30'], subserviceOrganizations: [{ name: ' EASTBAY colo', method: 'CARVE_OUT' }] })
  .on('2024-08-01').accepted('b1')
  .build());
const inclusive = stream('incl', history('2024-01-02').registered({ organizationId: 'incl', name: 'Inclusive Co', role: 'VENDOR' })
  .on('2024-07-20').report('i1', { period: ['2023-07-01', '2024-06-30'], subserviceOrganizations: [{ name: 'Eastbay Colo', method: 'INCLUSIVE' }] })
  .on('2024-08-01').accepted('i1')
  .build());
const streams = [eastbay, acme, bolt, inclusive];
const intervals = (v: { intervals: Array<{ from: string; to: string; days: number; status: string; inherited: boolean; ongoing: boolean }> }) =>
  v.intervals.map((i) => [i.from, i.to, i.days, i.status, i.inherited, i.ongoing]);

describe('dependencyImpact', () => {
  const impact = dependencyImpact('dc', streams, { asOf: '2025-03-01T00:00:00Z', knownAt: '2025-03-01T00:00:00Z' })!;

  it('lists every vendor that carves the data center out, by registration or by its report, not inclusive ones', () => {
    expect(impact.vendors.map((v) => v.vendorId)).toEqual(['acme', 'bolt']);
    expect(impact.vendors[0]!.links).toEqual([{ kind: 'PARENT', reportId: null, from: '2024-01-02', to: '2025-03-01' }]);
    expect(impact.vendors[1]!.links).toEqual([{ kind: 'REPORT_LISTING', reportId: 'b1', from: '2024-08-01', to: '2025-03-01' }]);
  });

  it('gives the exact days each vendor was weakened, clipped to the days it carved the data center out', () => {
    expect(intervals(impact.vendors[0]!)).toEqual([
      ['2024-01-02', '2024-01-24', 23, 'NO_ASSURANCE', true, false],
      ['2024-12-31', '2024-12-31', 1, 'COVERAGE_GAP', true, false],
      ['2025-01-01', '2025-02-14', 45, 'EXPIRED', true, false],
    ]);
    expect(impact.vendors[0]!.impactedDays).toBe(69);
    expect(intervals(impact.vendors[1]!)).toEqual([
      ['2024-12-31', '2024-12-31', 1, 'COVERAGE_GAP', true, false],
      ['2025-01-01', '2025-02-14', 45, 'EXPIRED', true, false],
    ]);
    expect(impact.vendors[0]!.intervals[2]).toMatchObject({ causes: ['REPORT_EXPIRED'], eventIds: ['dc:received:s1'] });
  });

  it('while the lapse lasts, it is ongoing and the vendors carry INHERITED', () => {
    const during = dependencyImpact('dc', streams, { asOf: '2025-01-10T12:00:00Z', knownAt: '2025-03-01T00:00:00Z' })!;
    expect(during.subservice.assessment.status).toBe('EXPIRED');
    const [a, b] = during.vendors;
    expect(intervals(a!).at(-1)).toEqual(['2025-01-01', '2025-01-10', 10, 'EXPIRED', true, true]);
    expect([a!.inheritedNow, b!.inheritedNow]).toEqual([true, true]);
    expect(a!.vendor.assessment.reasons.map((r) => r.code)).toContain('INHERITED');
    expect(impact.vendors.map((v) => v.inheritedNow)).toEqual([false, false]);
  });

  it('a qualified opinion or an open exception weakens too, without INHERITED', () => {
    const qualified = stream('dc', history('2024-01-02')
      .registered({ organizationId: 'dc', name: 'Eastbay Colo', parentOrganizationId: 'acme', inclusionMethod: 'CARVE_OUT' })
      .on('2024-01-20').report('s1', { period: ['2023-01-01', '2023-12-31'], opinion: 'QUALIFIED', qualifiedAreas: ['A1.2'], qualificationBasis: 'backups untested' })
      .on('2024-01-25').accepted('s1')
      .build());
    const q = dependencyImpact('dc', [qualified, acme], { asOf: '2024-03-01T00:00:00Z', knownAt: '2024-03-01T00:00:00Z' })!;
    expect(q.vendors[0]!.intervals.map((i) => [i.from, i.to, i.status, i.causes, i.inherited])).toEqual([
      ['2024-01-02', '2024-01-24', 'NO_ASSURANCE', ['NO_ACCEPTED_REPORT'], true],
      ['2024-01-25', '2024-03-01', 'ASSURED_WITH_EXCEPTIONS', ['QUALIFIED_OPINION'], false],
    ]);
  });

  it('is null for an organization not registered by then', () => {
    expect(dependencyImpact('dc', streams, { asOf: '2023-12-01T00:00:00Z', knownAt: '2025-03-01T00:00:00Z' })).toBeNull();
  });
});
