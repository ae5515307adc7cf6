import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ApiServer } from './support/api-server';

const run = promisify(execFile);
const CLI = resolve(__dirname, '../dist/apps/api/src/cli');

/** The CLIs run in the server's environment: nothing from this test process leaks in. */
async function cli(name: string, env: Record<string, string>, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  const { PATH, HOME } = process.env;
  return run(process.execPath, [join(CLI, `${name}.js`), ...args], { env: { PATH, HOME, ...env } });
}

async function serverTimeWith(api: ApiServer, token: string) {
  return api.gql('{ serverTime }', undefined, { authorization: `Bearer ${token}` });
}

/** README: "CLIs follow the same environment as the server (PORT, DATA_DIR)". */
describe('command-line tools in the server environment', () => {
  describe('a server on the development secret (no JWT_SECRET), on its own PORT and DATA_DIR', () => {
    let api: ApiServer;
    let env: Record<string, string>;

    beforeAll(async () => {
      api = await ApiServer.start({ devSecret: true });
      env = { PORT: String(api.port), DATA_DIR: api.dataDir };
    }, 30_000);
    afterAll(async () => {
      await api?.stop();
      api?.removeData();
    });

    it('npm run token with the same DATA_DIR signs a token the server accepts', async () => {
      const { stdout } = await cli('token', env, ['--role', 'auditor']);
      const token = stdout.trim().split('\n').pop()!;
      const r = await serverTimeWith(api, token);
      expect(r.errors).toBeUndefined();
      expect(stdout).toContain(`signed with the development secret in ${api.dataDir}`);
    });

    it('a token signed with another DATA_DIR is told it was signed by a different key', async () => {
      const other = mkdtempSync(join(tmpdir(), 'oversight-other-'));
      try {
        const { stdout, stderr } = await cli('token', { ...env, DATA_DIR: other }, ['--role', 'auditor']);
        expect(stderr).toMatch(/No development secret existed yet: created the development secret in .*another DATA_DIR/);
        const r = await serverTimeWith(api, stdout.trim().split('\n').pop()!);
        expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(r.errors?.[0]?.message).toMatch(/signed by a different key than this server's.*DATA_DIR/);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });

    it('npm run seed finds the server on PORT (no API_URL) and signs with its DATA_DIR; a rerun says it wrote nothing', async () => {
      const first = await cli('seed', env);
      expect(first.stdout).toContain(`Seeding http://localhost:${api.port}/graphql as of`);
      expect(first.stdout).toMatch(/^Recorded \d+ commands\. The portfolio now:$/m);
      const again = await cli('seed', env);
      const count = /Recorded (\d+) commands/.exec(first.stdout)![1];
      expect(again.stdout).toContain(`Nothing new to record: all ${count} commands were recorded before. The portfolio now:`);
      // The portfolio printed is the same both times.
      expect(again.stdout.split('\n').slice(2)).toEqual(first.stdout.split('\n').slice(2));
    }, 60_000);
  });

  describe('a server with JWT_SECRET', () => {
    const secret = 'cli-environment-secret-0123456789abcdef';
    let api: ApiServer;

    beforeAll(async () => {
      api = await ApiServer.start({ env: { JWT_SECRET: secret } });
    }, 30_000);
    afterAll(async () => {
      await api?.stop();
      api?.removeData();
    });

    it('npm run token signs with JWT_SECRET, as the server verifies', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'oversight-cli-'));
      try {
        const { stdout } = await cli('token', { JWT_SECRET: secret, DATA_DIR: dataDir }, ['--role', 'viewer']);
        expect(stdout).toContain('signed with JWT_SECRET');
        expect((await serverTimeWith(api, stdout.trim().split('\n').pop()!)).errors).toBeUndefined();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
