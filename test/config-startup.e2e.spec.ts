import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from './support/api-server';

/**
 * Start-up configuration (issue 12, item 10): an unknown mode or a production server without its
 * keys refuses to start before it writes anything to DATA_DIR; what it writes is the owner's only.
 */
const fresh = () => mkdtempSync(join(tmpdir(), 'oversight-config-'));

async function refusedStart(env: Record<string, string>): Promise<{ error: string; dataDir: string }> {
  const dataDir = fresh();
  const error = await ApiServer.start({ dataDir, env }).then(
    async (server) => {
      await server.stop();
      return 'started';
    },
    (e: Error) => e.message,
  );
  return { error, dataDir };
}

describe('start-up configuration', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('refuses NODE_ENV=Production (no development mode, no dev-token route, by a typo) and writes nothing', async () => {
    const { error, dataDir } = await refusedStart({ NODE_ENV: 'Production', JWT_SECRET: '' });
    dirs.push(dataDir);
    expect(error).toMatch(/NODE_ENV/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses production without a JWT key before writing anything to DATA_DIR', async () => {
    const { error, dataDir } = await refusedStart({ NODE_ENV: 'production', JWT_SECRET: '' });
    dirs.push(dataDir);
    expect(error).toMatch(/production needs JWT_SECRET/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a weak JWT_SECRET in production', async () => {
    const { error, dataDir } = await refusedStart({ NODE_ENV: 'production', JWT_SECRET: 'password'.repeat(5) });
    dirs.push(dataDir);
    expect(error).toMatch(/too weak/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('creates its data files and keys readable by the owner only (0600)', async () => {
    const dataDir = fresh();
    dirs.push(dataDir);
    const server = await ApiServer.start({ dataDir, env: { JWT_SECRET: '' } });
    try {
      await server.ok(`mutation { registerOrganization(input: { organizationId: "perm-org", name: "Perm" }) { revision } }`).catch(() => undefined);
    } finally {
      await server.stop();
    }
    const files = readdirSync(dataDir).filter((f) => statSync(join(dataDir, f)).isFile());
    expect(files).toEqual(expect.arrayContaining(['events.db', 'read-models.db', 'dev-jwt-secret', 'ledger-signing-key.pem']));
    const loose = files.filter((f) => (statSync(join(dataDir, f)).mode & 0o077) !== 0).map((f) => `${f} ${(statSync(join(dataDir, f)).mode & 0o777).toString(8)}`);
    expect(loose).toEqual([]);
    expect(existsSync(dataDir)).toBe(true);
  });
});
