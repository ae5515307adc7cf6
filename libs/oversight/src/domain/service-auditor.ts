import { isIsoDate, dayOf } from './calendar';
import { fail, q, requireText } from './organization.decider.guards';
import type { DecisionContext } from './oversight.commands';
import type { IsoDate } from './oversight.vocabulary';

/**
 * Service auditors vetted by the tenant (DESIGN §3 v2, ServiceAuditorVetted): tenant-wide facts,
 * not about one organization, so they live in a stream of their own. A current report whose
 * service auditor has no such record raises AUDITOR_NOT_VETTED (`assess(state, at, tenant)`).
 */
export interface ServiceAuditorVettedData {
  firm: string;
  licence: string;
  peerReviewRating: string;
  peerReviewDate: IsoDate;
}

export type ServiceAuditorEvent = { type: 'ServiceAuditorVetted'; data: ServiceAuditorVettedData };

/** Pure: the event recording a vetting, or a DomainError naming the rule it breaks. */
export function decideServiceAuditorVetting(d: ServiceAuditorVettedData, context: DecisionContext): ServiceAuditorEvent[] {
  requireText(d.firm, 'firm');
  requireText(d.licence, 'licence');
  requireText(d.peerReviewRating, 'peerReviewRating');
  if (!isIsoDate(d.peerReviewDate)) fail('INVALID_DATE', `peerReviewDate ${q(d.peerReviewDate)} is not a valid YYYY-MM-DD date`);
  const day = dayOf(context.effectiveAt);
  if (d.peerReviewDate > day) fail('PEER_REVIEW_IN_FUTURE', `peerReviewDate ${d.peerReviewDate} is after the effective day ${day}`);
  return [{ type: 'ServiceAuditorVetted', data: { ...d, firm: d.firm.trim() } }];
}
