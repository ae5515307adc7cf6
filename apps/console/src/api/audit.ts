import { gql } from '../graphql';
import type { Connection } from '../types';
import { fetchAllPages } from './pages';

/** The audit trail: its events, the check of its hash chain, and the evidence pack that exports it. */
export interface HistoryEvent {
  eventId: string;
  revision: string;
  type: string;
  effectiveAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  data: unknown;
}

/** The audit trail, oldest first, every page. */
export async function fetchHistory(id: string): Promise<HistoryEvent[]> {
  return fetchAllPages(async (after) => {
    const { oversightHistory } = await gql<{ oversightHistory: Connection<HistoryEvent> }>(
      `query History($id: ID!, $after: String) { oversightHistory(organizationId: $id, oldestFirst: true, first: 100, after: $after) {
        totalCount edges { node { eventId revision type effectiveAt recordedAt actor { id role } data } }
        pageInfo { hasNextPage endCursor } } }`,
      { id, after },
    );
    return oversightHistory;
  });
}

export interface Verification {
  valid: boolean;
  checkedEvents: number;
  firstBrokenEventId: string | null;
  reason: string | null;
  /** The API's own sentence for what was verified; shown as is. */
  summary: string;
}

export async function verifyAuditTrail(id: string): Promise<Verification> {
  const { verifyAuditTrail } = await gql<{ verifyAuditTrail: Verification }>(
    `query Verify($id: ID!) { verifyAuditTrail(organizationId: $id) { valid checkedEvents firstBrokenEventId reason summary } }`,
    { id },
  );
  return verifyAuditTrail;
}

export async function fetchEvidencePack(id: string): Promise<unknown> {
  const { evidencePack } = await gql<{ evidencePack: unknown }>(`query Pack($id: ID!) { evidencePack(organizationId: $id) }`, { id });
  return evidencePack;
}
