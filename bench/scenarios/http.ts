import { runLoad, type LoadResult } from '../harness/load';
import type { ServerProcess } from '../harness/server-process';

export interface HttpTiming {
  durationMs: number;
  warmupMs: number;
  connections: number;
}

export interface HttpMeasures {
  trivial: LoadResult;
  organization: LoadResult;
  organizations: LoadResult;
  rssBytes: number;
}

const q = (query: string) => JSON.stringify({ query });
export const TRIVIAL = q('{ serverTime }');
export const ORGANIZATION = q('{ organization(id: "__ID__") { id name criticality assurance { status flags statusSince reasons { code message since } } } }');
export const ORGANIZATIONS = q('{ organizations(filter: { status: [ASSURED, ASSURED_WITH_EXCEPTIONS] }, first: 50) { totalCount edges { node { id name assurance { status flags } } } } }');

function check(name: string, r: LoadResult): LoadResult {
  if (r.errors > 0) throw new Error(`${name}: ${r.errors} errors, first: ${r.firstError}`);
  return r;
}

/** Reads at one scale, each against the trivial query on the same server, then its memory. */
export async function readScenarios(server: ServerProcess, ids: string[], t: HttpTiming): Promise<HttpMeasures> {
  const base = { url: server.url, token: server.token('auditor'), connections: t.connections, warmupMs: t.warmupMs, durationMs: t.durationMs };
  const trivial = check('serverTime', await runLoad({ ...base, body: TRIVIAL }));
  const organization = check('organization', await runLoad({ ...base, body: ORGANIZATION, ids }));
  const organizations = check('organizations', await runLoad({ ...base, body: ORGANIZATIONS }));
  return { trivial, organization, organizations, rssBytes: server.rss() };
}

/** Mutations with unique commandIds over many organizations; each waits for its read model, as every mutation does. */
export async function mutationScenario(server: ServerProcess, ids: string[], t: HttpTiming, day: string): Promise<{ mutation: LoadResult; trivial: LoadResult }> {
  const run = Date.now().toString(36);
  const body = q(
    `mutation { recordOperationalControlsValidation(input: { organizationId: "__ID__", commandId: "bench-${run}-__N__", validationId: "bench-${run}-__N__", ` +
      `areas: [LOGICAL_ACCESS, CHANGE_MANAGEMENT], method: REMOTE_EVIDENCE, result: EFFECTIVE, validatedOn: "${day}" }) { revision organization { assurance { status } } } }`,
  );
  const base = { url: server.url, token: server.token('analyst'), connections: t.connections, warmupMs: t.warmupMs, durationMs: t.durationMs };
  const trivial = check('serverTime', await runLoad({ ...base, body: TRIVIAL }));
  const mutation = check('mutation', await runLoad({ ...base, body, ids }));
  return { mutation, trivial };
}
