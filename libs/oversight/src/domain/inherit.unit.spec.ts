import { assess } from './assess';
import { acceptedSaas, codes, history } from './assess.fixtures';
import { carvedOutChildren, carvedOutNames, withInherited, type CandidateChild, type CarvedOutChild } from './inherit';

const child = (over: Partial<CarvedOutChild> = {}): CarvedOutChild => ({
  id: 'dc-1', name: 'Eastbay Colo', status: 'EXPIRED', since: '2025-10-01', eventIds: ['e1'], ...over,
});

describe('withInherited', () => {
  const assured = assess(acceptedSaas().state(), '2024-12-01');

  it('an ASSURED vendor becomes ASSURED_WITH_EXCEPTIONS, with one INHERITED reason per lapsed child', () => {
    expect(assured.status).toBe('ASSURED');
    const a = withInherited(assured, [child(), child({ id: 'dc-0', name: 'Alder DC', status: 'NOT_ASSURED', since: '2025-01-01' })]);
    expect(a.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(codes(a)).toEqual(['INHERITED', 'INHERITED']);
    expect(a.reasons.map((r) => r.message.split(' is ')[0])).toEqual([
      'Carved-out subservice organization Alder DC',
      'Carved-out subservice organization Eastbay Colo',
    ]);
    expect(a.reasons[1]).toMatchObject({ status: 'ASSURED_WITH_EXCEPTIONS', flag: null, eventIds: ['e1'], since: '2025-10-01' });
    // Everything else is the vendor's own verdict.
    expect({ ...a, status: null, reasons: null }).toEqual({ ...assured, status: null, reasons: null });
  });

  it('never lowers a worse status, and places INHERITED after the exceptions and before flags', () => {
    const state = history().registered()
      .on('2025-01-20').report('r1', { period: ['2024-01-01', '2024-12-31'] })
      .on('2025-01-25').accepted('r1')
      .on('2025-11-15').exception('x1')
      .state();
    const own = assess(state, '2025-11-15');
    expect(own.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(own.flags).toEqual(['EXPIRING']);
    const a = withInherited(own, [child()]);
    expect(codes(a)).toEqual(['EXCEPTION_OPEN', 'INHERITED', 'REPORT_EXPIRING']);

    const expired = assess(acceptedSaas().state(), '2025-10-05');
    expect(withInherited(expired, [child()]).status).toBe('EXPIRED');
  });

  it('ignores assured, qualified or offboarded children, and offboarded vendors', () => {
    const fine = ['ASSURED', 'ASSURED_WITH_EXCEPTIONS', 'OFFBOARDED'] as const;
    expect(withInherited(assured, fine.map((status) => child({ status })))).toEqual(assured);
    const off = assess(acceptedSaas().offboarded().state(), '2024-12-01');
    expect(withInherited(off, [child()])).toEqual(off);
  });

  it('is independent of the order children are given in', () => {
    const kids = [child({ id: 'b', name: 'Same' }), child({ id: 'a', name: 'same' })];
    expect(withInherited(assured, kids)).toEqual(withInherited(assured, [...kids].reverse()));
  });
});

describe('carvedOutChildren', () => {
  const vendor = acceptedSaas()
    .on('2024-11-20')
    .report('r2', {
      period: ['2023-11-01', '2024-10-31'],
      subserviceOrganizations: [
        { name: ' EASTBAY colo ', method: 'CARVE_OUT' },
        { name: 'Inside DC', method: 'INCLUSIVE' },
      ],
    })
    .on('2024-11-25').accepted('r2')
    .state();
  const candidate = (over: Partial<CandidateChild>): CandidateChild => ({
    id: 'x', name: 'X', parentOrganizationId: null, inclusionMethod: null, status: 'EXPIRED', since: '2022-05-01', ...over,
  });

  it('links children registered under the vendor with CARVE_OUT, and those its current report carves out by name', () => {
    expect(carvedOutNames(vendor, '2024-12-01')).toEqual(['eastbay colo']);
    const found = carvedOutChildren({ id: 'org-1', state: vendor }, '2024-12-01', [
      candidate({ id: 'p', name: 'Registered DC', parentOrganizationId: 'org-1', inclusionMethod: 'CARVE_OUT' }),
      candidate({ id: 'i', name: 'Inclusive DC', parentOrganizationId: 'org-1', inclusionMethod: 'INCLUSIVE' }),
      candidate({ id: 'n', name: 'Eastbay Colo' }),
      candidate({ id: 'm', name: 'Inside DC' }),
      candidate({ id: 'org-1', name: 'Eastbay Colo' }),
    ]);
    expect(found.map((c) => c.id)).toEqual(['p', 'n']);
    // A lapse older than the link starts with the link: registration, or the listing report's coverage end.
    expect(found.map((c) => c.since)).toEqual(['2023-10-01', '2024-10-31']);
  });

  it('a report still under review lists nothing yet', () => {
    const pending = history().registered().on('2024-11-01')
      .report('r1', { subserviceOrganizations: [{ name: 'DC', method: 'CARVE_OUT' }] }).state();
    expect(carvedOutNames(pending, '2024-12-01')).toEqual([]);
  });
});
