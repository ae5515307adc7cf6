import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp folder, pg_ctl start on a free
 * loopback port, fsync on (durability is what the tests are about). The server refuses to run
 * as root, so under root every server command runs as the `postgres` user (runuser).
 * For tests and the fault harness (`npm run faults -- --store postgres`); the API never uses it.
 */
export type PostgresAvailability = { ok: true; bin: string; runAs: string | null } | { ok: false; reason: string };

/** Whether a cluster can be started here, checked synchronously so that describe() can skip. */
export function postgresAvailability(): PostgresAvailability {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const latest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (latest === undefined) return { ok: false, reason: `no ${root}/*/bin/initdb (apt-get install postgresql)` };
  const bin = join(root, latest, 'bin');
  if (process.getuid?.() !== 0) return { ok: true, bin, runAs: null };
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) return { ok: false, reason: 'running as root and there is no postgres user' };
  if (spawnSync('runuser', ['--help']).status !== 0) return { ok: false, reason: 'running as root and runuser is missing' };
  return { ok: true, bin, runAs: 'postgres' };
}

export class TestPostgresCluster {
  private stopped = false;
  private readonly onExit = () => this.stopNow('immediate');

  private constructor(
    private readonly bin: string,
    private readonly runAs: string | null,
    readonly dir: string,
    readonly port: number,
  ) {
    process.once('exit', this.onExit); // never leave a server behind a crashed test run
  }

  static async start(settings: Record<string, string> = {}): Promise<TestPostgresCluster> {
    const availability = postgresAvailability();
    if (!availability.ok) throw new Error(`Cannot start PostgreSQL: ${availability.reason}`);
    const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
    if (availability.runAs !== null) {
      const uid = Number(execFileSync('id', ['-u', availability.runAs]).toString());
      const gid = Number(execFileSync('id', ['-g', availability.runAs]).toString());
      chownSync(dir, uid, gid); // mkdtemp makes a 0700 folder owned by root
    }
    const cluster = new TestPostgresCluster(availability.bin, availability.runAs, dir, await freePort());
    cluster.run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    cluster.settings = { fsync: 'on', max_connections: '200', ...settings };
    cluster.startServer();
    return cluster;
  }

  private settings: Record<string, string> = {};

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The connection string of a database of this cluster (default: postgres). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server again after `crash()` or `stop()`, on the same port and data. */
  startServer(): void {
    const options = [`-p ${this.port}`, `-k ${this.dir}`, '-c listen_addresses=127.0.0.1'];
    for (const [name, value] of Object.entries(this.settings)) options.push(`-c ${name}=${value}`);
    this.run('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o', options.join(' '), 'start']);
    this.stopped = false;
  }

  /** `pg_ctl stop -m immediate`: the server dies as in a power cut (recovery on the next start). */
  crash(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    this.stopped = true;
  }

  /** Stops the server and removes every file of the cluster. Idempotent. */
  async dispose(): Promise<void> {
    this.stopNow('fast');
    process.removeListener('exit', this.onExit);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private stopNow(mode: 'fast' | 'immediate'): void {
    if (this.stopped || !existsSync(join(this.dataDir, 'postmaster.pid'))) return;
    this.stopped = true;
    spawnSync(...this.command('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']), { stdio: 'ignore' });
  }

  private run(tool: string, args: string[]): void {
    const [file, argv] = this.command(tool, args);
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const path = join(this.bin, tool);
    return this.runAs === null ? [path, args] : ['runuser', ['-u', this.runAs, '--', path, ...args]];
  }
}

/** A port nobody listens on right now (the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
