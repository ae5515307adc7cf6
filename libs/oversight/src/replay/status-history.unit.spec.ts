import { acceptedSaas, history } from '../domain/assess.fixtures';
import { assessAsOf } from './as-of';
import { portfolioAsOf } from './portfolio-as-of';
import { PortfolioTimelines } from './portfolio-timelines';
import { asStream } from './replay.fixtures';
import { advanceOwn, combinedSince, passOwn, startOwn } from './own-history';
import { inBusinessOrder } from './replay-event';
import { statusSinceOf } from './status-history';
import { replayTimeline, type TimelineEntry } from './timeline';

/** The day of the timeline's last entry INTO the status it ends with. */
const lastChange = (entries: TimelineEntry[]) => entries.filter((e) => e.statusChanged).at(-1)!.assessment.at;

describe('statusSince: the day of the last change into the status, as the timeline shows it', () => {
  // Like the seed's Lakeside Colocation: registered long before its report, which arrives late and
  // already old, so the reasons hold from days on which the organization still had NO_ASSURANCE.
  const lakeside = asStream(
    history('2023-01-02')
      .registered({ organizationId: 'lake', name: 'Lakeside Colocation' })
      .on('2025-01-15').report('r1', { period: ['2023-07-01', '2024-06-30'] })
      .on('2025-01-20').accepted('r1')
      .build(),
  );
  const moment = { asOf: '2025-02-01T12:00:00.000Z', knownAt: '2025-02-01T12:00:00.000Z' };

  it('is the review day, not the earliest reason since, when NO_ASSURANCE came before', () => {
    const entries = replayTimeline(lakeside, { to: moment.asOf, knownAt: moment.knownAt });
    const a = assessAsOf(lakeside, moment);
    expect(a.assessment.status).not.toBe('NO_ASSURANCE');
    expect(entries.filter((e) => e.statusChanged).at(-1)!.previousStatus).toBe('NO_ASSURANCE');
    expect(a.assessment.reasons.some((r) => r.status === a.assessment.status && r.since! < '2025-01-20')).toBe(true);
    expect(a.statusSince).toBe('2025-01-20');
    expect(statusSinceOf(entries)).toBe(lastChange(entries));
  });

  it('moves on a day with no event when time alone changes the status (EXPIRED)', () => {
    const saas = asStream(acceptedSaas().build());
    const at = { asOf: '2025-12-01T00:00:00.000Z', knownAt: '2025-12-01T00:00:00.000Z' };
    const a = assessAsOf(saas, at);
    expect(a.assessment.status).toBe('EXPIRED');
    expect(a.statusSince).toBe('2025-10-01');
    // Before the expiry, the fiscal year end left uncovered on 2024-12-31 (also no event).
    expect(assessAsOf(saas, { asOf: '2025-06-01T00:00:00.000Z', knownAt: at.knownAt }).statusSince).toBe('2024-12-31');
  });

  it('a vendor timeline carries INHERITED as the as-of answer does, and they agree on the since', () => {
    const vendor = history('2024-06-03')
      .registered({ organizationId: 'vendor', name: 'Acme Payroll', role: 'VENDOR' })
      .on('2025-01-20').report('v1', { period: ['2024-01-01', '2024-12-31'] })
      .on('2025-01-25').accepted('v1')
      .build();
    const dc = history('2024-06-03')
      .registered({ organizationId: 'dc', name: 'Eastbay', parentOrganizationId: 'vendor', inclusionMethod: 'CARVE_OUT' })
      .on('2025-03-01').report('d1', { period: ['2024-01-01', '2024-12-31'] })
      .on('2025-03-05').accepted('d1')
      .build()
      .map((e) => ({ ...e, eventId: `dc:${e.eventId}` }));
    const streams = [{ id: 'vendor', events: asStream(vendor) }, { id: 'dc', events: asStream(dc) }];
    const at = { asOf: '2025-02-10T00:00:00.000Z', knownAt: '2025-06-01T00:00:00.000Z' };
    const timeline = new PortfolioTimelines(new Map(streams.map((s) => [s.id, s.events])), at).timeline('vendor');
    const answer = portfolioAsOf(streams, at).get('vendor')!;
    expect(timeline.at(-1)!.assessment.reasons.map((r) => r.code)).toEqual(answer.assessment.reasons.map((r) => r.code));
    expect(answer.assessment.reasons.map((r) => r.code)).toContain('INHERITED');
    expect(answer.statusSince).toBe(lastChange(timeline));

    // When the child becomes assured on 2025-03-05 (an event of ITS stream), the vendor's status changes that day.
    const later = { asOf: '2025-04-01T00:00:00.000Z', knownAt: at.knownAt };
    const vendorLater = new PortfolioTimelines(new Map(streams.map((s) => [s.id, s.events])), later).timeline('vendor');
    expect(vendorLater.at(-1)).toMatchObject({ kind: 'TIME', statusChanged: true, at: '2025-03-05T10:00:00.000Z' });
    expect(portfolioAsOf(streams, later).get('vendor')!.statusSince).toBe('2025-03-05');

    // The read model's resumable fold (own-history.ts) gives the same days, fed in two parts.
    for (const moment of [at, later]) {
      const t = Date.parse(moment.asOf);
      const own = (events: typeof streams[number]['events']) => {
        const ordered = inBusinessOrder(events).filter((e) => Date.parse(e.effectiveAt) <= t);
        const cursor = advanceOwn(startOwn(), ordered.slice(0, 2));
        return passOwn(advanceOwn(JSON.parse(JSON.stringify(cursor)), ordered.slice(2)), t);
      };
      const dcPoints = own(streams[1]!.events).points;
      const child = { id: 'dc', name: 'Eastbay', parentOrganizationId: 'vendor', inclusionMethod: 'CARVE_OUT', points: dcPoints };
      const timelines = new PortfolioTimelines(new Map(streams.map((s) => [s.id, s.events])), moment);
      expect(combinedSince('vendor', own(streams[0]!.events).points, [child])).toBe(timelines.statusSince('vendor'));
      expect(own(streams[1]!.events).since).toBe(timelines.statusSince('dc'));
    }
  });
});
