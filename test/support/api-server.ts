import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mintToken } from '../../apps/api/src/auth/mint-token';

// Plain JavaScript shared with the CLIs' npm scripts (it runs before anything is compiled).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleReason } = require('../../scripts/build-freshness') as { staleReason: () => string | null };

export const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');
/** The signing secret of test servers: tests mint their own tokens with it. */
export const TEST_JWT_SECRET = 'e2e-test-secret-0123456789abcdefghijklmnop';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

/** The real server in a child process, on a free port and its own data directory. */
export class ApiServer {
  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    readonly output: string[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/graphql`;
  }

  /** `devSecret`: no JWT_SECRET, so the server signs with the development secret in its DATA_DIR. */
  static async start(
    options: { dataDir?: string; clockStart?: string; env?: Record<string, string>; devSecret?: boolean } = {},
  ): Promise<ApiServer> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
    // Testing an old build would silently test old code.
    const stale = staleReason();
    if (stale) throw new Error(`dist is older than the sources (${stale}): run "npm run build" first`);
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oversight-e2e-'));
    const port = await freePort();
    const output: string[] = [];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      JWT_SECRET: TEST_JWT_SECRET,
      // Never rewrite the committed schema.gql from a test server.
      SCHEMA_FILE: join(dataDir, 'schema.gql'),
      ...(options.clockStart ? { OVERSIGHT_CLOCK_START: options.clockStart } : {}),
      // npm run test:coverage: the server's own V8 coverage, merged with jest's by scripts/coverage-report.js.
      ...(process.env.E2E_COVERAGE_DIR ? { NODE_V8_COVERAGE: process.env.E2E_COVERAGE_DIR } : {}),
      // No timed ledger seals unless a test asks: they append checkpoints that move the store's head.
      LEDGER_SEAL_INTERVAL_MS: '0',
      // Production needs its ledger signing key outside DATA_DIR.
      ...(options.env?.NODE_ENV === 'production' ? { LEDGER_SIGNING_KEY_FILE: productionSigningKey() } : {}),
      ...options.env,
    };
    if (options.devSecret) delete env.JWT_SECRET;
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const server = new ApiServer(child, port, dataDir, output);
    await server.waitHealthy();
    return server;
  }

  /** A token for this server; by default the ADMIN of tenant "default". */
  token(role = 'ADMIN', tenant = 'default', subject = `e2e-${role.toLowerCase()}`, ttlSeconds = 3600): string {
    return mintToken(Buffer.from(TEST_JWT_SECRET), { role, tenant, subject, ttlSeconds });
  }

  /** An operator token (claim `operator: true`): the holder of the signing key, not a tenant role. */
  operatorToken(): string {
    return mintToken(Buffer.from(TEST_JWT_SECRET), { role: 'ADMIN', tenant: 'default', subject: 'e2e-operator', ttlSeconds: 3600, operator: true });
  }

  /** Sends as the default ADMIN unless `headers` carries its own authorization (or '' for none). */
  async gql<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    const auth = headers.authorization ?? `Bearer ${this.token()}`;
    const { authorization: _own, ...rest } = headers;
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...rest },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** Like gql, but fails the test on any error and returns data. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.gql<T>(query, variables);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
    return r.data as T;
  }

  /**
   * Resolves with the first line of the server's output, after its first `from` chunks, that
   * matches: waits for what the server says it did, never for a guessed time.
   */
  waitForOutput(pattern: RegExp, from = 0): Promise<string> {
    return new Promise((resolveLine, reject) => {
      const streams = [this.process.stdout!, this.process.stderr!];
      const find = () => this.output.slice(from).join('').split('\n').find((line) => pattern.test(line));
      const cleanup = () => {
        streams.forEach((s) => s.off('data', onData));
        this.process.off('exit', onExit);
      };
      const onData = () => {
        const line = find();
        if (line !== undefined) {
          cleanup();
          resolveLine(line);
        }
      };
      const onExit = () => {
        cleanup();
        reject(new Error(`The API exited before its output matched ${pattern}`));
      };
      streams.forEach((s) => s.on('data', onData));
      this.process.once('exit', onExit);
      onData();
    });
  }

  /** /health as the operator sees it (head and projection positions); unauthenticated it shows less. */
  async health(): Promise<any> {
    return (await fetch(`http://127.0.0.1:${this.port}/health`, { headers: { authorization: `Bearer ${this.operatorToken()}` } })).json();
  }

  /** Graceful stop (SIGTERM); resolves with the exit code. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.process.exitCode !== null) return Promise.resolve(this.process.exitCode);
    return new Promise((resolveExit) => {
      this.process.once('exit', (code) => resolveExit(code));
      this.process.kill(signal);
    });
  }

  removeData(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitHealthy(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`API exited early:\n${this.output.join('')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`API did not become healthy:\n${this.output.join('')}`);
  }
}

/** Production needs a ledger signing key outside DATA_DIR: one per test process, in its own folder. */
let signingKeyFile: string | null = null;
export function productionSigningKey(): string {
  if (signingKeyFile) return signingKeyFile;
  const file = join(mkdtempSync(join(tmpdir(), 'oversight-key-')), 'ledger-signing-key.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  return (signingKeyFile = file);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}
