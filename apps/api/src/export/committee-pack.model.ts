import type { GraphQLClient } from '../cli/graphql-client';

/** What the committee pack shows, fetched from the API: the same read models and as-of folds. */
export interface PackOrganization {
  id: string;
  name: string;
  criticality: string;
  assurance: { status: string; statusSince: string | null; expiresAt: string | null; coverageEnd: string | null; reasons: Array<{ code: string; message: string }> };
  exceptions: Array<{ exceptionId: string; severity: string; controlRef: string; dueDate: string | null; open: boolean; overdue: boolean }> | null;
}
export interface PackSegment { from: string; to: string; kind: 'AUDITED' | 'BRIDGED' | 'GAP' }
export interface CommitteePackData {
  asOf: string;
  knownAt: string;
  /** The latest signed tree head; null before anything was sealed. */
  head: { treeSize: number; sequence: number; rootHash: string } | null;
  organizations: PackOrganization[];
  timelines: Array<{ organization: PackOrganization; from: string; to: string; segments: PackSegment[] }>;
}

const ORGS = `query($after: String, $asOf: DateTime, $knownAt: DateTime) {
  organizations(first: 100, after: $after, asOf: $asOf, knownAt: $knownAt) {
    pageInfo { hasNextPage endCursor }
    edges { node { id: organizationId name criticality
      assurance { status statusSince expiresAt coverageEnd reasons { code message } }
      exceptions { exceptionId severity controlRef dueDate open overdue } } } } }`;
const HEAD = '{ signedTreeHead { treeSize sequence rootHash } }';
const TIMELINE = `query($id: ID!, $from: Date, $to: Date) { coverageTimeline(organizationId: $id, from: $from, to: $to) { from to segments { from to kind } } }`;

export const STATUSES = ['ASSURED', 'ASSURED_WITH_EXCEPTIONS', 'COVERAGE_GAP', 'EXPIRED', 'NOT_ASSURED', 'NO_ASSURANCE', 'OFFBOARDED'];
export const CRITICALITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const ASSURED = new Set(['ASSURED', 'ASSURED_WITH_EXCEPTIONS']);

/** Fetches the portfolio as of `asOf` as known at `knownAt`, the ledger head, and each critical organization's coverage (two years up to asOf). */
export async function fetchCommitteePack(client: GraphQLClient, asOf: string, knownAt: string): Promise<CommitteePackData> {
  const organizations: PackOrganization[] = [];
  for (let after: string | null = null; ; ) {
    const page: any = (await client.request(ORGS, { after, asOf, knownAt })).organizations;
    organizations.push(...page.edges.map((e: { node: PackOrganization }) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  organizations.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  // Nothing sealed yet is a fact to state on the cover, not a failure.
  const head = await client.request(HEAD).then((d) => d.signedTreeHead, (e: Error) => {
    if (e.message.startsWith('NOT_FOUND')) return null;
    throw e;
  });
  const to = asOf.slice(0, 10);
  const from = `${Number(to.slice(0, 4)) - 2}${to.slice(4)}`;
  const timelines = [];
  for (const organization of organizations.filter((o) => o.criticality === 'CRITICAL')) {
    const t = (await client.request(TIMELINE, { id: organization.id, from, to })).coverageTimeline;
    timelines.push({ organization, from: t.from, to: t.to, segments: t.segments });
  }
  return { asOf, knownAt, head, organizations, timelines };
}

/** Status × criticality: how many organizations in each cell. */
export function heatMap(orgs: readonly PackOrganization[]): number[][] {
  return STATUSES.map((s) => CRITICALITIES.map((c) => orgs.filter((o) => o.assurance.status === s && o.criticality === c).length));
}

export function notAssuredCriticalOrHigh(orgs: readonly PackOrganization[]): PackOrganization[] {
  return orgs.filter((o) => (o.criticality === 'CRITICAL' || o.criticality === 'HIGH') && !ASSURED.has(o.assurance.status));
}

/** Assurance that runs out within `days` after the as-of day (inclusive), soonest first. */
export function expiringWithin(orgs: readonly PackOrganization[], asOf: string, days: number): PackOrganization[] {
  const from = asOf.slice(0, 10);
  const until = new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);
  return orgs
    .filter((o) => o.assurance.expiresAt && o.assurance.expiresAt >= from && o.assurance.expiresAt <= until)
    .sort((a, b) => a.assurance.expiresAt!.localeCompare(b.assurance.expiresAt!));
}

export function overdueRemediation(orgs: readonly PackOrganization[]) {
  return orgs
    .flatMap((o) => (o.exceptions ?? []).filter((x) => x.overdue).map((x) => ({ organization: o, exception: x })))
    .sort((a, b) => (a.exception.dueDate ?? '').localeCompare(b.exception.dueDate ?? ''));
}
