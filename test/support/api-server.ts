import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mintToken } from '../../apps/api/src/auth/mint-token';

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

  static async start(options: { dataDir?: string; clockStart?: string; env?: Record<string, string> } = {}): Promise<ApiServer> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oversight-e2e-'));
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_FORMAT: 'json',
        JWT_SECRET: TEST_JWT_SECRET,
        // Never rewrite the committed schema.gql from a test server.
        SCHEMA_FILE: join(dataDir, 'schema.gql'),
        ...(options.clockStart ? { OVERSIGHT_CLOCK_START: options.clockStart } : {}),
        ...(options.env?.NODE_ENV === 'production' ? { LEDGER_SIGNING_KEY_FILE: productionSigningKey() } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
