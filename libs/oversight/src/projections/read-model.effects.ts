import type { AssuranceReason } from '../domain/assessment.types';
import type { AssuranceFlag, AssuranceStatus } from '../domain/oversight.vocabulary';

/** Announced after the read model commits: a status or its flags changed (EXPIRING appearing is news). */
export interface AssuranceStatusChange {
  tenantId: string;
  organizationId: string;
  name: string;
  previousStatus: AssuranceStatus | null;
  previousFlags: AssuranceFlag[];
  status: AssuranceStatus;
  flags: AssuranceFlag[];
  reasons: AssuranceReason[];
  /** The day of the last change into `status`, as the read model and the timeline show it. */
  statusSince: string | null;
  /** The day assessed. */
  assessedOn: string;
  /** The store position the read model had reached. */
  position: bigint;
}
