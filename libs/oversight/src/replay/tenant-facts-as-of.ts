import type { TenantFacts } from '../domain/assess-flag-rules';
import type { IsoDateTime } from '../domain/oversight.vocabulary';
import { instant, type Moment } from './replay-event';

/** One ServiceAuditorVetted of the tenant's `service-auditors-<tenant>` stream, with its two clocks. */
export interface VettingRecord {
  firm: string;
  effectiveAt: IsoDateTime;
  recordedAt: IsoDateTime;
}

/**
 * The tenant facts true on `asOf` as known on `knownAt` (DESIGN §4): a vetting counts once it
 * happened and was recorded, so an as-of answer before it still shows AUDITOR_NOT_VETTED.
 */
export function tenantFactsAsOf(vettings: readonly VettingRecord[], moment: Moment): TenantFacts {
  const asOf = instant(moment.asOf);
  const knownAt = instant(moment.knownAt);
  const counted = vettings.filter((v) => instant(v.recordedAt) <= knownAt && instant(v.effectiveAt) <= asOf);
  return { vettedAuditors: counted.map((v) => ({ firm: v.firm })) };
}
