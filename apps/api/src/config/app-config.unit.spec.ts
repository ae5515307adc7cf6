import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { estimatedEntropyBits } from './secret-strength';

/** The configuration is validated once at start: unknown modes, weak secrets and missing keys stop it. */
const dir = mkdtempSync(join(tmpdir(), 'config-unit-'));
const keyFile = join(dir, 'ledger-key.pem');
writeFileSync(keyFile, 'a key');
const strong = 'b0c3f1e9a2d47c6e85f09b1a3d2e4c7f60a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5';
const prod = (over: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  DATA_DIR: join(dir, 'data'),
  JWT_SECRET: strong,
  LEDGER_SIGNING_KEY_FILE: keyFile,
  ...over,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig: modes', () => {
  it.each(['Production', 'prod', 'PRODUCTION', 'staging', ' production'])('refuses NODE_ENV=%j', (mode) => {
    expect(() => loadConfig({ ...prod(), NODE_ENV: mode })).toThrow(/NODE_ENV/);
  });

  it('accepts development (the default), test and production', () => {
    expect(loadConfig({ DATA_DIR: dir }).mode).toBe('development');
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }).production).toBe(false);
    expect(loadConfig(prod())).toMatchObject({ mode: 'production', production: true, schemaFile: null });
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', RATE_LIMIT_PER_MINUTE: '0', OVERSIGHT_CLOCK_START: 'soon' })).toThrow(
      /PORT[\s\S]*OVERSIGHT_CLOCK_START[\s\S]*RATE_LIMIT_PER_MINUTE/,
    );
  });
});

describe('loadConfig: production keys', () => {
  it('refuses production without a JWT key source', () => {
    const { JWT_SECRET: _none, ...env } = prod();
    expect(() => loadConfig(env)).toThrow(/JWT_SECRET: production needs/);
  });

  it.each([
    ['one character repeated', 'a'.repeat(64)],
    ['a word repeated', 'password'.repeat(5)],
    ['a keyboard walk', 'qwertyuiopqwertyuiopqwertyuiop12'],
  ])('refuses a weak JWT_SECRET in production (%s), though it is long enough', (_, secret) => {
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(() => loadConfig(prod({ JWT_SECRET: secret }))).toThrow(/too weak/);
    expect(() => loadConfig({ DATA_DIR: dir, JWT_SECRET: secret })).not.toThrow();
  });

  it('refuses production without the ledger signing key, with a missing file, or with the key inside DATA_DIR', () => {
    const { LEDGER_SIGNING_KEY_FILE: _none, ...env } = prod();
    expect(() => loadConfig(env)).toThrow(/LEDGER_SIGNING_KEY_FILE/);
    expect(() => loadConfig(prod({ LEDGER_SIGNING_KEY_FILE: join(dir, 'absent.pem') }))).toThrow(/does not exist/);
    expect(() => loadConfig(prod({ DATA_DIR: dir }))).toThrow(/outside DATA_DIR/);
  });

  it('estimates entropy: random hex clears 128 bits, repetition does not', () => {
    expect(estimatedEntropyBits(strong)).toBeGreaterThan(200);
    expect(estimatedEntropyBits('a'.repeat(64))).toBe(0);
  });
});
