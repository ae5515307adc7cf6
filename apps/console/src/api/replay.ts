import { gql } from '../graphql';
import type { Assurance } from '../types';
import { ASSURANCE } from './fragments';

/** Bitemporal questions: the status after every step, and the status at a moment as known at another. */
export interface ReplayStep {
  kind: 'EVENT' | 'TIME';
  at: string;
  day: string;
  type: string | null;
  eventId: string | null;
  revision: string | null;
  recordedAt: string | null;
  status: string;
  previousStatus: string | null;
  statusChanged: boolean;
  flags: string[];
  reasons: Assurance['reasons'];
  data: unknown;
}

export async function fetchOversightTimeline(id: string, knownAt: string | null): Promise<ReplayStep[]> {
  const { oversightTimeline } = await gql<{ oversightTimeline: { entries: ReplayStep[] } }>(
    `query Timeline($id: ID!, $knownAt: DateTime) { oversightTimeline(organizationId: $id, knownAt: $knownAt) {
      entries { kind at day type eventId revision recordedAt status previousStatus statusChanged flags
        reasons { code message since eventIds } data } } }`,
    { id, knownAt },
  );
  return oversightTimeline.entries;
}

export interface AsOfAnswer {
  asOf: string | null;
  knownAt: string | null;
  assurance: Assurance;
  basedOnEventIds: string[] | null;
}

/** The organization as it stood at `asOf`, as known at `knownAt` (either may be null: now). */
export async function fetchAsOf(id: string, asOf: string | null, knownAt: string | null): Promise<AsOfAnswer | null> {
  const { organization } = await gql<{ organization: AsOfAnswer | null }>(
    `query AsOf($id: ID!, $asOf: DateTime, $knownAt: DateTime) { organization(id: $id, asOf: $asOf, knownAt: $knownAt) {
      asOf knownAt basedOnEventIds assurance { ${ASSURANCE} } } }`,
    { id, asOf, knownAt },
  );
  return organization;
}
