import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiServer } from './support/api-server';
import { Caller, VERIFICATION, waitForCheckpoints } from './support/audit-helpers';
import { exceptionInput, orgInput, reportInput } from './support/e2e-fixtures';

/**
 * Tamper evidence on the real SQLite file: record, stop the server, change the file the way an
 * attacker with file access would (better-sqlite3, straight SQL), restart on it, and ask.
 */
jest.setTimeout(60_000);

// Windows of exactly three events, no timed seals: the checkpoint counts below are exact.
const ENV = { LEDGER_CHECKPOINT_EVERY: '3', LEDGER_SEAL_INTERVAL_MS: '0' };
const A = `dc-a-${Date.now()}`;
const B = `dc-b-${Date.now()}`;
let pristine: string;
const rows: Array<{ position: number; stream_id: string; revision: number; event_id: string; data: string }> = [];

type Tamper = (db: Database.Database) => void;

/** Copies the recorded data directory, tampers the copy, and serves it. */
async function serveTampered(tamper: Tamper): Promise<{ api: ApiServer; admin: Caller; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-tamper-'));
  cpSync(pristine, dir, { recursive: true });
  const db = new Database(join(dir, 'events.db'));
  tamper(db);
  db.close();
  const api = await ApiServer.start({ dataDir: dir, env: ENV });
  return { api, admin: Caller.of(api), dir };
}

async function verdicts(admin: Caller, id = A) {
  const d = await admin.ok(`query($id: ID!) { verifyAuditTrail(organizationId: $id) { ${VERIFICATION} } verifyLedger { ${VERIFICATION} } }`, { id });
  return { trail: d.verifyAuditTrail, ledger: d.verifyLedger };
}

const row = (stream: string, revision: number) => rows.find((r) => r.stream_id === `organization-default~${stream}` && r.revision === revision)!;

beforeAll(async () => {
  const api = await ApiServer.start({ env: ENV });
  pristine = api.dataDir;
  try {
    await recordAndSeal(Caller.of(api));
  } finally {
    await api.stop();
  }
  const db = new Database(join(pristine, 'events.db'), { readonly: true });
  rows.push(...(db.prepare("SELECT * FROM events WHERE stream_id LIKE 'organization-%' ORDER BY position").all() as typeof rows));
  db.close();
});

async function recordAndSeal(admin: Caller): Promise<void> {
  await admin.record('registerOrganization', orgInput({ id: B, category: 'DATA_CENTER_COLOCATION' }));
  await admin.record('registerOrganization', orgInput({ id: A, category: 'DATA_CENTER_COLOCATION' }));
  const report = reportInput(A, { serviceAuditor: 'Baker & Lane LLP' });
  await admin.record('recordReportReceived', report);
  await admin.record('concludeReportReview', { organizationId: A, reportId: report.reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz' });
  await admin.record('recordException', exceptionInput(A));
  await admin.record('recordException', exceptionInput(A));
  await admin.record('recordReportReceived', reportInput(B));
  await admin.record('recordException', exceptionInput(B));
  await admin.record('recordException', exceptionInput(B));
  await waitForCheckpoints(admin, 3); // 9 organization events, every 3: all sealed
  expect(await verdicts(admin)).toEqual({
    trail: { valid: true, checkedEvents: 5, firstBrokenEventId: null, reason: null },
    // verifyLedger counts the caller's tenant's events only (9), not the checkpoints every tenant shares.
    ledger: { valid: true, checkedEvents: 9, firstBrokenEventId: null, reason: null },
  });
}

afterAll(() => pristine && rmSync(pristine, { recursive: true, force: true }));

const cases: Array<[string, Tamper, (v: Awaited<ReturnType<typeof verdicts>>) => void]> = [
  ['nothing changed: valid after a restart', () => {}, (v) => expect([v.trail.valid, v.ledger.valid]).toEqual([true, true])],
  [
    'one byte of one event changed',
    (db) => db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(row(A, 1).data.replace('LLP', 'LLQ'), row(A, 1).event_id),
    (v) => {
      expect(v.trail).toMatchObject({ valid: false, firstBrokenEventId: row(A, 1).event_id, reason: expect.stringMatching(/was altered/) });
      expect(v.ledger).toMatchObject({ valid: false, firstBrokenEventId: row(A, 1).event_id, reason: expect.stringMatching(/was altered/) });
    },
  ],
  [
    'one event deleted in the middle of a stream',
    (db) => db.prepare('DELETE FROM events WHERE event_id = ?').run(row(A, 2).event_id),
    (v) => {
      expect(v.trail).toMatchObject({ valid: false, firstBrokenEventId: row(A, 3).event_id, reason: expect.stringMatching(/expected revision 2, found 3.*deleted/) });
      expect(v.ledger).toMatchObject({ valid: false, firstBrokenEventId: row(A, 3).event_id });
    },
  ],
  [
    "a stream's latest event deleted: only the signed checkpoint shows it",
    (db) => db.prepare('DELETE FROM events WHERE event_id = ?').run(row(A, 4).event_id),
    (v) => {
      expect(v.trail).toMatchObject({ valid: false, reason: expect.stringMatching(/Checkpoint #\d/) });
      expect(v.ledger).toMatchObject({ valid: false, reason: expect.stringMatching(/Checkpoint #\d.*(deleted|does not match)/) });
      expect(v.ledger.firstBrokenEventId).toBe(v.trail.firstBrokenEventId);
    },
  ],
  [
    'two events swapped (their event_id, type and data columns)',
    (db) =>
      db.transaction(() => {
        const [x, y] = [row(A, 1), row(A, 3)];
        db.prepare("UPDATE events SET event_id = 'swap' WHERE position = ?").run(y.position);
        db.prepare('UPDATE events SET (event_id, type, data) = (SELECT ?, type, data FROM events WHERE position = ?) WHERE position = ?').run(y.event_id, y.position, x.position);
        db.prepare('UPDATE events SET (event_id, type, data) = (?, (SELECT type FROM events WHERE position = ?), ?) WHERE position = ?').run(x.event_id, x.position, x.data, y.position);
      })(),
    (v) => {
      // The row at revision 1 now holds revision 3's id and content.
      expect(v.trail).toMatchObject({ valid: false, firstBrokenEventId: row(A, 3).event_id, reason: expect.stringMatching(/altered/) });
      expect(v.ledger).toMatchObject({ valid: false, firstBrokenEventId: row(A, 3).event_id });
    },
  ],
  [
    'two events reordered (their global positions swapped)',
    (db) =>
      db.transaction(() => {
        const [x, y] = [row(A, 1).position, row(A, 3).position];
        db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(x);
        db.prepare('UPDATE events SET position = ? WHERE position = ?').run(x, y);
        db.prepare('UPDATE events SET position = ? WHERE position = -1').run(y);
      })(),
    (v) => {
      expect(v.trail).toMatchObject({ valid: false, firstBrokenEventId: row(A, 3).event_id, reason: expect.stringMatching(/moved later/) });
      expect(v.ledger).toMatchObject({ valid: false, firstBrokenEventId: row(A, 3).event_id });
    },
  ],
];

describe.each(cases)('verifyAuditTrail / verifyLedger on a restarted server: %s', (_name, tamper, expectVerdicts) => {
  it('answers accordingly, and never leaks another tenant\'s ids', async () => {
    const { api, admin, dir } = await serveTampered(tamper);
    try {
      const v = await verdicts(admin);
      expectVerdicts(v);
      const stranger = Caller.of(api, 'AUDITOR', 'other-tenant');
      const trail = await stranger.gql(`query($id: ID!) { verifyAuditTrail(organizationId: $id) { valid } }`, { id: A });
      expect(trail.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const ledger = (await stranger.ok(`{ verifyLedger { ${VERIFICATION} } }`)).verifyLedger;
      expect(ledger.valid).toBe(v.ledger.valid);
      if (!v.ledger.valid && !/^(Sealing is halted\. )?Checkpoint/.test(v.ledger.reason)) {
        expect(ledger).toMatchObject({ firstBrokenEventId: null, reason: expect.stringMatching(/withheld/) });
      }
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
