import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiServer, GraphQLResponse } from './api-server';

/** GraphQL as one signed-in caller of the real server, of any role and tenant. */
export class Caller {
  constructor(
    readonly api: ApiServer,
    readonly token: string,
  ) {}

  static of(api: ApiServer, role = 'ADMIN', tenant = 'default'): Caller {
    return new Caller(api, api.token(role, tenant));
  }

  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    return this.api.gql<T>(query, variables, { authorization: `Bearer ${this.token}` });
  }

  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.gql<T>(query, variables);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
    return r.data as T;
  }

  /** One mutation whose input type is `<Name>Input`. */
  record(mutation: string, input: Record<string, unknown>): Promise<any> {
    const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
    return this.ok(`mutation($input: ${type}!) { ${mutation}(input: $input) { revision eventIds } }`, { input });
  }
}

export const VERIFICATION = 'valid checkedEvents firstBrokenEventId reason';

/** Polls verifyLedger until it has checked `checkpoints` checkpoints' worth of events. */
export async function waitForCheckpoints(caller: Caller, checkpoints: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = new Database(resolve(caller.api.dataDir, 'events.db'), { readonly: true });
    const n = (db.prepare("SELECT count(*) AS n FROM events WHERE stream_id = 'ledger-checkpoints'").get() as { n: number }).n;
    db.close();
    if (n >= checkpoints) return;
    if (Date.now() > deadline) throw new Error(`Only ${n} of ${checkpoints} ledger checkpoints were sealed`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one built command-line tool to completion. */
export function runCli(script: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/apps/api/src/cli', script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}
