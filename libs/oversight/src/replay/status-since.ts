import type { Assessment } from '../domain/assessment.types';
import { dayOf } from '../domain/calendar';
import type { OrganizationState } from '../domain/organization.state';
import type { IsoDate } from '../domain/oversight.vocabulary';

/**
 * Since when the status holds: the earliest `since` among the reasons for the decisive status,
 * else the registration day. A pure function of state and assessment, so that the read model,
 * a rebuild and an as-of replay all say the same.
 */
export function statusSince(a: Assessment, state: OrganizationState): IsoDate | null {
  const days = a.reasons.filter((r) => r.status === a.status && r.since).map((r) => r.since!);
  if (days.length > 0) return days.reduce((x, y) => (y < x ? y : x));
  return state.registered ? dayOf(state.registered.effectiveAt) : null;
}
