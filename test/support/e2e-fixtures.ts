import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { wsAuth } from './ws-client';
import { ApiServer, type GraphQLResponse } from './api-server';
import { RESULT } from './oversight-api';

/** The server clock every e2e file of this family starts from (a Monday). */
export const CLOCK_START = '2026-03-02T09:00:00Z';
export const TODAY = '2026-03-02';

/**
 * Starts the built server; if it dies before `stop()`, its last output is printed so that the
 * failing tests (ECONNREFUSED from then on) come with the cause.
 */
export async function startApi(options: Parameters<typeof ApiServer.start>[0] = {}): Promise<ApiServer> {
  const api = await ApiServer.start({ clockStart: CLOCK_START, ...options });
  let stopping = false;
  const stop = api.stop.bind(api);
  api.stop = (signal?: NodeJS.Signals) => {
    stopping = true;
    return stop(signal);
  };
  api.process.once('exit', (code, signal) => {
    if (!stopping) {
      // eslint-disable-next-line no-console
      console.error(`API process died (code ${code}, signal ${signal}). Last output:\n${api.output.join('').slice(-8000)}`);
    }
  });
  return api;
}

/** A unique, valid organization (or other) id: tests never share data. */
export function uid(prefix = 'org'): string {
  return `${prefix}-${randomUUID().slice(0, 13)}`;
}

export type GqlError = NonNullable<GraphQLResponse['errors']>[number];

/** Sends one mutation (`<Name>Input`) and returns the raw response, errors included. */
export async function mutate(
  api: ApiServer,
  mutation: string,
  input: Record<string, unknown>,
  fields: string = RESULT,
): Promise<GraphQLResponse<any>> {
  const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
  return api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { ${fields} } }`, { input });
}

/** The one error a request must have failed with (fails the test if it succeeded). */
export function onlyError(r: GraphQLResponse<any>): GqlError {
  if (!r.errors || r.errors.length === 0) throw new Error(`Expected an error, got data ${JSON.stringify(r.data)}`);
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
}

export async function headPosition(api: ApiServer): Promise<bigint> {
  const h = await api.health();
  return BigInt(h.store.headPosition);
}

export async function historyCount(api: ApiServer, organizationId: string): Promise<number> {
  const d = await api.ok(`query($id: ID!) { oversightHistory(organizationId: $id, first: 1) { totalCount } }`, {
    id: organizationId,
  });
  return d.oversightHistory.totalCount;
}

export function orgInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uid(),
    name: `Org ${randomUUID().slice(0, 8)}`,
    role: 'VENDOR',
    category: 'SAAS',
    criticality: 'MEDIUM',
    services: ['hosting'],
    ...overrides,
  };
}

/** Registers an organization and returns its id. */
export async function registerOrg(api: ApiServer, overrides: Record<string, unknown> = {}): Promise<string> {
  const input = orgInput(overrides);
  const r = await mutate(api, 'registerOrganization', input, 'organizationId revision');
  if (r.errors) throw new Error(`registerOrganization failed: ${JSON.stringify(r.errors)}`);
  return r.data.registerOrganization.organizationId;
}

/** A SOC 2 Type 2 report input over a period (defaults: calendar year 2025). */
export function reportInput(organizationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationId,
    reportId: uid('rep'),
    framework: 'SOC2',
    reportType: 'TYPE_2',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    serviceAuditor: 'Baker & Lane LLP',
    opinion: 'UNMODIFIED',
    criteria: ['SECURITY'],
    // v2: a report is accepted only with its opinion date and management's assertion, and it
    // covers the services the organization is registered with (orgInput's default).
    managementAssertionIncluded: true,
    servicesCovered: ['hosting'],
    ...overrides,
    opinionDate: 'opinionDate' in overrides ? overrides.opinionDate : defaultOpinionDate(overrides.asOfDate ?? overrides.periodEnd ?? '2025-12-31'),
  };
}

/** The coverage end itself when it is a real date; bad-input probes get no second error from it. */
function defaultOpinionDate(end: unknown): string | undefined {
  const time = typeof end === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(end) ? Date.parse(`${end}T00:00:00Z`) : NaN;
  const ok = !Number.isNaN(time) && new Date(time).toISOString().startsWith(end as string);
  return ok ? (end as string) : undefined;
}

/** Records a report and an ACCEPTED review of it; returns the report id. */
export async function acceptedReport(
  api: ApiServer,
  organizationId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const input = reportInput(organizationId, overrides);
  const received = await mutate(api, 'recordReportReceived', input, 'revision');
  if (received.errors) throw new Error(`recordReportReceived failed: ${JSON.stringify(received.errors)}`);
  const reviewed = await mutate(
    api,
    'concludeReportReview',
    { organizationId, reportId: input.reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz' },
    'revision',
  );
  if (reviewed.errors) throw new Error(`concludeReportReview failed: ${JSON.stringify(reviewed.errors)}`);
  return input.reportId as string;
}

export function exceptionInput(organizationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationId,
    exceptionId: uid('exc'),
    source: 'INCIDENT',
    controlRef: 'CC6.1',
    kind: 'OPERATING',
    severity: 'MEDIUM',
    description: 'A deviation found in testing',
    ...overrides,
  };
}

/** Runs `fn` over `items` with at most `size` in flight at once (one batch after another). */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  }
  return out;
}

/** Walks a connection with `first`/`after` until hasNextPage is false; returns every page. */
export async function walkPages<N>(
  fetchPage: (after: string | null) => Promise<{ edges: Array<{ cursor: string; node: N }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number }>,
  maxPages = 100,
): Promise<{ nodes: N[]; pages: number; totalCounts: number[]; pageSizes: number[] }> {
  const nodes: N[] = [];
  const totalCounts: number[] = [];
  const pageSizes: number[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= maxPages; pages++) {
    const conn = await fetchPage(after);
    nodes.push(...conn.edges.map((e) => e.node));
    totalCounts.push(conn.totalCount);
    pageSizes.push(conn.edges.length);
    if (conn.edges.length > 0) expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1]!.cursor);
    if (!conn.pageInfo.hasNextPage) return { nodes, pages, totalCounts, pageSizes };
    expect(conn.pageInfo.endCursor).toEqual(expect.any(String));
    after = conn.pageInfo.endCursor;
  }
  throw new Error(`More than ${maxPages} pages: hasNextPage never became false`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `predicate` until true; fails after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * One subscription over a real WebSocket (graphql-ws), with a hook called the moment each
 * payload arrives — so that a test can act on it before anything else happens.
 */
export class LiveSubscription<T = any> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private readonly dispose: () => void;

  constructor(url: string, query: string, variables: Record<string, unknown> = {}, private readonly onData?: (data: T) => void) {
    this.client = createClient({ url, webSocketImpl: WebSocket, connectionParams: wsAuth(), retryAttempts: 0, lazy: false });
    this.dispose = this.client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) this.errors.push(value.errors);
          else if (value.data) {
            this.received.push(value.data as T);
            this.onData?.(value.data as T);
          }
        },
        error: (e) => this.errors.push(e),
        complete: () => {},
      },
    );
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (this.errors.length > 0) throw new Error(`Subscription error: ${JSON.stringify(this.errors)}`);
      if (Date.now() > deadline) throw new Error(`Only ${this.received.length} of ${count} payloads arrived`);
      await sleep(10);
    }
    return this.received;
  }

  /**
   * graphql-ws gives no "subscribed" acknowledgement: sends `probe` again and again until the
   * subscription delivers something, which proves it is live. No fixed sleep decides it.
   */
  async becomeLive(probe: (attempt: number) => Promise<void>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; this.received.length === 0; attempt++) {
      if (this.errors.length > 0) throw new Error(`Subscription error: ${JSON.stringify(this.errors)}`);
      if (Date.now() > deadline) throw new Error('The subscription never delivered a probe');
      await probe(attempt);
      const wait = Date.now() + 150;
      while (this.received.length === 0 && Date.now() < wait) await sleep(10);
    }
  }

  async close(): Promise<void> {
    this.dispose();
    await this.client.dispose();
  }
}
