import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Replicas that share a key path and start together must end up with one key: a process that
 * loses the race to create it must never read a file the winner is still writing.
 */
const MODULE = resolve(__dirname, '../../../../dist/libs/oversight/src/ledger/signing-key.js');
const LOAD = `const { loadOrCreateSigningKey } = require(${JSON.stringify(MODULE)}); process.stdout.write(loadOrCreateSigningKey(process.argv[1]).fingerprint);`;

describe('loadOrCreateSigningKey under concurrent first starts', () => {
  it('gives every process the same key, and none fails reading a half-written file', async () => {
    for (let round = 0; round < 8; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'ledger-key-race-'));
      try {
        const path = join(dir, 'ledger-signing-key.pem');
        const runs = await Promise.allSettled(
          Array.from({ length: 8 }, () => promisify(execFile)(process.execPath, ['-e', LOAD, path])),
        );
        const failures = runs.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200));
        expect(failures).toEqual([]);
        const prints = new Set(runs.map((r) => (r as PromiseFulfilledResult<{ stdout: string }>).value.stdout));
        expect(prints.size).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);
});
