import { describe, finding, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { dayOf } from './calendar';
import { reportsInOrder } from './current-report';

/**
 * REVIEW_SUPERSEDED (no status, no flag): a report's review replaced an earlier one, so the
 * reasons say that the decision changed, when, and why. Shown for the reports that matter now:
 * the current report R, and any live report at least as recent (one that a rejection took out of
 * reliance); an old report's changed review stays in its history.
 */
export function supersededReviews(ctx: AssessContext): Finding[] {
  const floor = ctx.r?.coverageEnd ?? null;
  return reportsInOrder(ctx.state).flatMap((r): Finding[] => {
    const review = r.review;
    const was = review?.supersedes;
    if (!review || !was || r.withdrawn || (floor !== null && r.coverageEnd < floor)) return [];
    const message =
      `The review of ${describe(r)} changed from ${was.decision} (${was.reviewer}, ${dayOf(was.concludedAt)}) ` +
      `to ${review.decision} (${review.reviewer}, ${stampDay(review)}): ${was.reason}`;
    const earlier = { eventId: was.eventId, effectiveAt: was.concludedAt };
    return [finding('REVIEW_SUPERSEDED', null, message, [earlier, review], stampDay(review))];
  });
}
