import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { mintToken } from '../../apps/api/src/auth/mint-token';

const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');

export interface ServerOptions {
  dataDir: string;
  /** Extra environment (e.g. OVERSIGHT_CLOCK_START). */
  env?: Record<string, string>;
  /** Node flags for the server (e.g. --cpu-prof, to see where its time goes). */
  nodeArgs?: string[];
  /** How long start-up and projection catch-up may take. */
  readyTimeoutMs?: number;
  /** Where to read the store's positions; default the SQLite file DATA_DIR/events.db. */
  positions?: StorePositions;
}

/** The store's head and its last organization event, read beside the server (not through it). */
export interface StorePositions {
  head(): Promise<bigint>;
  lastOrganization(): Promise<bigint>;
}

/**
 * The real built server (dist/apps/api/src/main.js) in a child process on a data dir, with a
 * bench secret (JWT_SECRET) and the rate limit out of the way. `ready()` waits until /health
 * answers and every projection has caught up with the store, so no measurement pays catch-up.
 */
export class ServerProcess {
  readonly secret = randomBytes(32).toString('hex');
  private child: ChildProcess | null = null;
  private output = '';
  port = 0;

  private readonly positions: StorePositions;

  constructor(private readonly options: ServerOptions) {
    this.positions = options.positions ?? {
      head: async () => headPosition(options.dataDir),
      lastOrganization: async () => lastOrganizationPosition(options.dataDir),
    };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  token(role = 'admin', tenant = 'default'): string {
    return mintToken(Buffer.from(this.secret), { role, tenant, subject: 'bench', ttlSeconds: 24 * 3600 });
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.output = '';
    this.child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), MAIN], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.options.dataDir,
        JWT_SECRET: this.secret,
        RATE_LIMIT_PER_MINUTE: '1000000000',
        NODE_ENV: 'production',
        LEDGER_SIGNING_KEY_FILE: signingKeyBeside(this.options.dataDir),
        LOG_FORMAT: 'json',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    await this.ready(this.options.readyTimeoutMs ?? 600_000);
  }

  /** Until /health is ok and the projections' lag is 0. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child?.exitCode !== null) throw new Error(`server exited (${this.child?.exitCode}): ${this.output.slice(-3000)}`);
      // Positions are shown to an operator token only.
      const operator = { authorization: `Bearer ${mintToken(Buffer.from(this.secret), { role: 'ADMIN', tenant: 'default', subject: 'bench', ttlSeconds: 3600, operator: true })}` };
      const health = await fetch(`http://127.0.0.1:${this.port}/health`, { headers: operator }).then((r) => r.json() as Promise<Health>, () => null);
      // Compared with the last organization event, not with health's lag: the head may be a
      // ledger checkpoint in a stream the projections do not follow.
      const target = await this.positions.lastOrganization();
      if (health && health.projections?.every((p) => BigInt(p.position) >= target)) return this.quiet(deadline);
      if (Date.now() > deadline) throw new Error(`server not ready after ${timeoutMs} ms: ${JSON.stringify(health)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /**
   * Until the store stops growing for 2 s: on first start over a generated data set the ledger
   * seals its backlog of checkpoints, which must not run during a measurement.
   */
  private async quiet(deadline: number): Promise<void> {
    let last = -1n;
    let stableSince = Date.now();
    while (Date.now() < deadline) {
      const head = await this.positions.head();
      if (head !== last) [last, stableSince] = [head, Date.now()];
      else if (Date.now() - stableSince >= 2000) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Resident set size of the server process, in bytes (Linux /proc). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  }

  /** SIGKILL (the fault harness) or SIGTERM (a clean stop); resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  logTail(): string {
    return this.output.slice(-3000);
  }
}

interface Health {
  status: string;
  projections?: Array<{ name: string; position: string; lag: string | null }>;
}

function headPosition(dataDir: string): bigint {
  return queryPosition(dataDir, 'SELECT max(position) AS p FROM events');
}

function lastOrganizationPosition(dataDir: string): bigint {
  return queryPosition(dataDir, `SELECT max(position) AS p FROM events WHERE stream_id >= 'organization-' AND stream_id < 'organization.'`);
}

function queryPosition(dataDir: string, sql: string): bigint {
  const path = join(dataDir, 'events.db');
  if (!existsSync(path)) return 0n;
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare(sql).safeIntegers(true).get() as { p: bigint | null } | undefined;
    return row?.p ?? 0n;
  } catch {
    return 0n;
  } finally {
    db.close();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Production keeps the ledger signing key outside DATA_DIR: beside it, taken over from a data
 * set generated in development (which keeps it inside) so its signed checkpoints still verify.
 */
function signingKeyBeside(dataDir: string): string {
  const file = join(dirname(dataDir), `${basename(dataDir)}.ledger-signing-key.pem`);
  if (existsSync(file)) return file;
  const inside = join(dataDir, 'ledger-signing-key.pem');
  if (existsSync(inside)) copyFileSync(inside, file);
  else writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  return file;
}
