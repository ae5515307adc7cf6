import { acceptedSaas } from '../domain/assess.fixtures';
import { asStream } from './replay.fixtures';
import { replayTimeline, type TimelineEntry } from './timeline';

const summary = (entries: TimelineEntry[]) =>
  entries.map((e) => [e.kind, e.at.slice(0, 10), e.event?.eventId ?? null, e.assessment.status, e.assessment.flags.join(','), e.statusChanged, e.previousStatus]);

describe('replayTimeline', () => {
  // Registered 2023-01-02; r1 (2023-10-01..2024-09-30) received 2024-11-01, accepted 2024-11-15.
  const stream = asStream(acceptedSaas().build());
  const all = { to: '2025-12-01T00:00:00Z', knownAt: '2025-12-01T00:00:00Z' };

  it('lists every event in business order, and every day on which time alone changed the verdict', () => {
    expect(summary(replayTimeline(stream, all))).toEqual([
      ['EVENT', '2023-10-01', 'registered', 'NO_ASSURANCE', '', true, null],
      ['EVENT', '2024-11-01', 'received:r1', 'NO_ASSURANCE', 'PENDING_REVIEW', false, 'NO_ASSURANCE'],
      ['EVENT', '2024-11-15', 'review:r1', 'ASSURED', '', true, 'NO_ASSURANCE'],
      // The fiscal year end arrives uncovered (r1 reaches only 2024-09-30).
      ['TIME', '2024-12-31', null, 'COVERAGE_GAP', '', true, 'ASSURED'],
      // 60 days before expiry: a flag, not a status change; the daily countdown is not repeated.
      ['TIME', '2025-08-01', null, 'COVERAGE_GAP', 'EXPIRING', false, 'COVERAGE_GAP'],
      ['TIME', '2025-10-01', null, 'EXPIRED', '', true, 'COVERAGE_GAP'],
    ]);
  });

  it('names the reason that time brought, with the day it holds from', () => {
    const expired = replayTimeline(stream, all).at(-1)!;
    expect(expired.at).toBe('2025-10-01T00:00:00.000Z');
    expect(expired.assessment.reasons[0]).toMatchObject({ code: 'REPORT_EXPIRED', since: '2025-10-01', eventIds: ['received:r1'] });
  });

  it('a window shows only its entries, with the status before the first of them', () => {
    const window = replayTimeline(stream, { ...all, from: '2024-11-10T00:00:00Z', to: '2025-01-31T00:00:00Z' });
    expect(summary(window).map((e) => e.slice(0, 3))).toEqual([
      ['EVENT', '2024-11-15', 'review:r1'],
      ['TIME', '2024-12-31', null],
    ]);
    expect(window[0]!.previousStatus).toBe('NO_ASSURANCE');
  });

  it('knows only what was recorded by knownAt: a review entered late is missing before its entry', () => {
    const late = asStream(acceptedSaas().build(), { 'review:r1': '2025-02-01T08:00:00.000Z' });
    const before = replayTimeline(late, { to: '2025-01-31T00:00:00Z', knownAt: '2025-01-31T00:00:00Z' });
    expect(before.map((e) => e.event?.eventId ?? e.kind)).toEqual(['registered', 'received:r1']);
    const after = replayTimeline(late, { to: '2025-01-31T00:00:00Z', knownAt: '2025-02-02T00:00:00Z' });
    const review = after.find((e) => e.event?.eventId === 'review:r1')!;
    // Shown where it happened in business time, with both clocks and its revision.
    expect(review.at).toBe('2024-11-15T10:00:00.000Z');
    expect(review.event).toMatchObject({ recordedAt: '2025-02-01T08:00:00.000Z', revision: 2n });
  });
});
