import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DraftPool } from './draft-pool';
import { IntakeError } from './intake.errors';

/** A load that waits until the test releases it: shows how many drafts are under way at once. */
function gate() {
  const started: Array<() => void> = [];
  const load = () => new Promise<Uint8Array>((resolve) => started.push(() => resolve(new Uint8Array([1, 2, 3]))));
  return { started, load };
}

describe('DraftPool', () => {
  it('runs at most `size` drafts at once; the others start as slots free up', async () => {
    const pool = new DraftPool(2, null);
    const { started, load } = gate();
    const drafts = [1, 2, 3, 4, 5].map(() => pool.draft(load, {}).catch((e: unknown) => e));
    await new Promise((r) => setImmediate(r));
    expect(started).toHaveLength(2);
    started[0]!();
    await drafts[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toHaveLength(3);
    for (let i = 1; i < 5; i++) {
      await new Promise((r) => setImmediate(r));
      started[i]!();
    }
    const results = await Promise.all(drafts);
    // Three bytes are no PDF: every draft ends, each with the intake's refusal.
    expect(results.map((e) => (e as IntakeError).code)).toEqual(Array(5).fill('UNREADABLE_DOCUMENT'));
    await pool.close();
  });

  it('a worker\'s refusal arrives as the same IntakeError; a crashed worker is an error, and the pool goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draft-pool-'));
    const file = join(dir, 'worker.js');
    writeFileSync(
      file,
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', ({ bytes }) => {
         if (bytes[0] === 9) process.exit(3);
         parentPort.postMessage(bytes[0] === 1 ? { ok: false, code: 'NO_TEXT_LAYER', message: 'no text' } : { ok: true, draft: { documentId: 'd', pages: bytes.length, fields: [], exceptions: [] } });
       });`,
    );
    const pool = new DraftPool(1, file);
    try {
      const refused = await pool.draft(async () => new Uint8Array([1]), {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(IntakeError);
      expect((refused as IntakeError).code).toBe('NO_TEXT_LAYER');
      await expect(pool.draft(async () => new Uint8Array([9]), {})).rejects.toThrow(/worker stopped|exit/);
      await expect(pool.draft(async () => new Uint8Array([2, 2]), {})).resolves.toMatchObject({ pages: 2 });
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
