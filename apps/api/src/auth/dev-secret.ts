import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * The local development signing secret: created on first start in DATA_DIR, readable by its
 * owner only, never logged. `npm run token` and the command-line tools read it from there.
 */
export function ensureDevSecret(dataDir: string): Buffer {
  const file = join(dataDir, DEV_SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return readDevSecret(dataDir)!;
}

export function readDevSecret(dataDir: string): Buffer | null {
  const file = join(dataDir, DEV_SECRET_FILE);
  return existsSync(file) ? Buffer.from(readFileSync(file, 'utf8').trim()) : null;
}
