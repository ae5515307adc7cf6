import type { AsOfAnswer } from './as-of';

/** The read model's organization filter, applied to as-of answers. */
export interface AsOfFilter {
  status?: string[];
  category?: string[];
  criticality?: string[];
  /** Case-insensitive substring of the name. */
  search?: string;
  parentOrganizationId?: string;
}

export interface AsOfPage {
  nodes: Array<{ id: string; answer: AsOfAnswer }>;
  /** Sort keys, [name key, id], one per node: the same keyset as the read model's cursors. */
  keys: Array<[string, string]>;
  totalCount: number;
  hasNextPage: boolean;
  /** Matching answers precede the `after` key. */
  hasPreviousPage: boolean;
}

/**
 * Filters and pages as-of answers exactly as the read model pages its rows (by lower-cased name,
 * then id), so a client pages an as-of portfolio the way it pages today's.
 */
export function pageAsOf(
  answers: ReadonlyMap<string, AsOfAnswer>,
  filter: AsOfFilter,
  first: number,
  after: [string, string] | null,
): AsOfPage {
  const matching = [...answers]
    .filter(([, a]) => matches(a, filter))
    .map(([id, answer]) => ({ id, answer, key: [answer.state.profile!.name.toLowerCase(), id] as [string, string] }))
    .sort((x, y) => compareKeys(x.key, y.key));
  const rest = after ? matching.filter((m) => compareKeys(m.key, after) > 0) : matching;
  const page = rest.slice(0, first);
  return {
    nodes: page.map(({ id, answer }) => ({ id, answer })),
    keys: page.map((m) => m.key),
    totalCount: matching.length,
    hasNextPage: rest.length > first,
    hasPreviousPage: rest.length < matching.length,
  };
}

function matches(a: AsOfAnswer, f: AsOfFilter): boolean {
  const p = a.state.profile!;
  const within = (values: string[] | undefined, v: string) => !values || values.length === 0 || values.includes(v);
  return (
    within(f.status, a.assessment.status) &&
    within(f.category, p.category) &&
    within(f.criticality, p.criticality) &&
    (!f.search || p.name.toLowerCase().includes(f.search.toLowerCase())) &&
    (!f.parentOrganizationId || p.parentOrganizationId === f.parentOrganizationId)
  );
}

/** Code-unit order, as SQLite compares TEXT. */
function compareKeys(a: [string, string], b: [string, string]): number {
  return cmp(a[0], b[0]) || cmp(a[1], b[1]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
