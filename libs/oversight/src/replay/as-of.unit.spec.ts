import { history } from '../domain/assess.fixtures';
import { foldAsOf, assessAsOf } from './as-of';
import { portfolioAsOf } from './portfolio-as-of';
import { asStream } from './replay.fixtures';

/** A SaaS vendor whose 2024 report happened in January 2025 but was only entered on 1 March. */
function lateReport() {
  const events = history('2024-06-03')
    .registered({ category: 'SAAS', name: 'Acme Payroll' })
    .on('2025-01-20').report('r1', { period: ['2024-01-01', '2024-12-31'] })
    .on('2025-01-25').accepted('r1')
    .on('2025-02-10').exception('x1', { severity: 'LOW' })
    .build();
  const late = { 'received:r1': '2025-03-01T09:00:00.000Z', 'review:r1': '2025-03-01T09:05:00.000Z' };
  return asStream(events, late);
}

describe('foldAsOf: two clocks', () => {
  const stream = lateReport();

  it('before the late entry, the report was not known: NO_ASSURANCE on 1 February', () => {
    const a = assessAsOf(stream, { asOf: '2025-02-01T23:59:59Z', knownAt: '2025-02-15T00:00:00Z' });
    expect(a.assessment.status).toBe('NO_ASSURANCE');
    expect(a.basedOnEventIds).toEqual(['registered']);
    expect(a.revision).toBe(0n);
  });

  it('after the late entry, the same day answers ASSURED, resting on the report and its review', () => {
    const a = assessAsOf(stream, { asOf: '2025-02-01T23:59:59Z', knownAt: '2025-03-02T00:00:00Z' });
    expect(a.assessment.status).toBe('ASSURED');
    expect(a.basedOnEventIds).toEqual(['registered', 'received:r1', 'review:r1']);
    // The review was recorded after the exception, so its revision is the highest folded.
    expect(a.revision).toBe(3n);
  });

  it('business time still rules: before the report happened, it does not count even when known', () => {
    const a = assessAsOf(stream, { asOf: '2025-01-19T12:00:00Z', knownAt: '2025-12-31T00:00:00Z' });
    expect(a.assessment.status).toBe('NO_ASSURANCE');
    expect(a.basedOnEventIds).toEqual(['registered']);
  });

  it('folds in business-time order, whatever the recording order', () => {
    const f = foldAsOf(stream, { asOf: '2025-03-31T00:00:00Z', knownAt: '2025-03-31T00:00:00Z' });
    expect(f.basedOnEventIds).toEqual(['registered', 'received:r1', 'review:r1', 'found:x1']);
    expect(f.state.reportOrder).toEqual(['r1']);
    expect(f.state.exceptionOrder).toEqual(['x1']);
  });

  it('an instant counts to the second: an event at 10:00 is not yet folded at 09:59', () => {
    const moment = (asOf: string) => ({ asOf, knownAt: '2025-12-31T00:00:00Z' });
    expect(foldAsOf(stream, moment('2025-02-10T09:59:59Z')).basedOnEventIds).not.toContain('found:x1');
    expect(foldAsOf(stream, moment('2025-02-10T10:00:00Z')).basedOnEventIds).toContain('found:x1');
  });

  it('says since when the status holds on the day asked', () => {
    const a = assessAsOf(stream, { asOf: '2025-02-11T00:00:00Z', knownAt: '2025-12-31T00:00:00Z' });
    expect(a.assessment.status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(a.statusSince).toBe('2025-02-10');
  });
});

describe('portfolioAsOf', () => {
  const vendor = history('2024-06-03')
    .registered({ organizationId: 'vendor', name: 'Acme Payroll', role: 'VENDOR' })
    .on('2025-01-20').report('v1', { period: ['2024-01-01', '2024-12-31'] })
    .on('2025-01-25').accepted('v1')
    .build();
  const dc = history('2024-06-03')
    .registered({ organizationId: 'dc', name: 'Eastbay', parentOrganizationId: 'vendor', inclusionMethod: 'CARVE_OUT' })
    .build()
    .map((e) => ({ ...e, eventId: `dc:${e.eventId}` }));
  const streams = [
    { id: 'vendor', events: asStream(vendor) },
    { id: 'dc', events: asStream(dc) },
  ];

  it('adds INHERITED from a carved-out child that is not assured on the day', () => {
    const p = portfolioAsOf(streams, { asOf: '2025-02-01T00:00:00Z', knownAt: '2025-02-01T00:00:00Z' });
    const v = p.get('vendor')!;
    expect(v.own.status).toBe('ASSURED');
    expect(v.assessment.status).toBe('ASSURED_WITH_EXCEPTIONS');
    const inherited = v.assessment.reasons.find((r) => r.code === 'INHERITED')!;
    expect(inherited.eventIds).toEqual(['dc:registered']);
    expect(inherited.since).toBe('2024-06-03');
    // The status began when the review turned NO_ASSURANCE into (inherited) exceptions, not when the child lapsed.
    expect(v.statusSince).toBe('2025-01-25');
  });

  it('leaves out organizations not registered by then', () => {
    const p = portfolioAsOf(streams, { asOf: '2024-06-01T00:00:00Z', knownAt: '2025-02-01T00:00:00Z' });
    expect(p.size).toBe(0);
  });
});
