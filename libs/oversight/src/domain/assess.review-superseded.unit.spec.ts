import { assess } from './assess';
import { acceptedSaas } from './assess.fixtures';
import { fold } from './organization.evolve';
import type { RecordedOversightEvent } from './oversight.events';

/** A superseding review, as the decider records it: it names the review it replaces and why. */
function superseding(events: RecordedOversightEvent[], why: string): RecordedOversightEvent[] {
  return events.map((e) =>
    e.eventId === 'review:r1#2' && e.type === 'ReportReviewConcluded'
      ? { ...e, data: { ...e.data, supersedes: { eventId: 'review:r1', decision: 'ACCEPTED', reviewer: 'reviewer', concludedAt: '2024-11-15T10:00:00.000Z', reason: why } } }
      : e,
  );
}

describe('REVIEW_SUPERSEDED: a changed review decision shows in the reasons', () => {
  // r1 accepted 2024-11-15, then rejected 2024-12-01 by a review that says it supersedes the first.
  const events = superseding(acceptedSaas().on('2024-12-01').rejected('r1').build(), 'Opinion withdrawn by the service auditor');

  it('says the decision changed, when and why, beside the NO_ASSURANCE it caused', () => {
    const a = assess(fold(events), '2024-12-10');
    expect(a.status).toBe('NO_ASSURANCE');
    const r = a.reasons.find((x) => x.code === 'REVIEW_SUPERSEDED')!;
    expect(r).toMatchObject({ status: null, flag: null, since: '2024-12-01', eventIds: ['review:r1', 'review:r1#2'] });
    expect(r.message).toBe(
      'The review of report r1 (SOC2 TYPE 2, 2023-10-01 to 2024-09-30) changed from ACCEPTED (reviewer, 2024-11-15) ' +
        'to REJECTED (reviewer, 2024-12-01): Opinion withdrawn by the service auditor',
    );
  });

  it('is absent for a review that replaced nothing, and before the superseding review', () => {
    expect(assess(fold(acceptedSaas().build()), '2024-12-10').reasons.map((x) => x.code)).not.toContain('REVIEW_SUPERSEDED');
    const before = fold(events.filter((e) => e.eventId !== 'review:r1#2'));
    expect(assess(before, '2024-11-20').reasons.map((x) => x.code)).not.toContain('REVIEW_SUPERSEDED');
  });
});
