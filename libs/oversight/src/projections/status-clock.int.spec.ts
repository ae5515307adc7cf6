import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { HISTORY_END, recordOversightHistory } from '../../../testing/src/oversight-history';
import { ManualClock } from '../application/clock';
import { OrganizationsProjection } from './organizations.projection';
import type { AssuranceStatusChange } from './read-model.effects';
import { StatusClock } from './status-clock';

type Row = { organization_id: string; status: string; flags: string; next_reassessment_on: string | null };

/** The status clock's own timer, on a real read-model file: time alone changes statuses. */
describe('StatusClock timer', () => {
  let dir: string;
  let store: SqliteEventStore;
  let events: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'status-clock-'));
    store = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 60_000 });
    await recordOversightHistory(store, new ManualClock(new Date('2024-01-01T00:00:00Z')), 'acme');
    events = await store.readAll();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A read model of the whole history, assessed with the projection's clock at `at`. */
  function projected(name: string, clock: ManualClock) {
    const db = new Database(join(dir, `${name}.db`));
    const projection = new OrganizationsProjection(clock);
    projection.setup(db);
    db.transaction(() => projection.apply(db, events))();
    return { db, projection };
  }
  const rows = (db: Database.Database) =>
    db.prepare('SELECT organization_id, status, flags, next_reassessment_on FROM organization_status ORDER BY organization_id').all() as Row[];

  it('fires on its interval and re-assesses the rows that are due, with no new event', async () => {
    const clock = new ManualClock(new Date(HISTORY_END));
    const live = projected('live', clock);
    const before = rows(live.db);
    // The first day on which time alone changes some status (a fresh projection on that day says so).
    const days = [...new Set(before.map((r) => r.next_reassessment_on).filter((d): d is string => d !== null))].sort();
    const changingDay = days.find((day) => {
      const probe = projected(`probe-${day}`, new ManualClock(new Date(`${day}T12:00:00Z`)));
      const differs = rows(probe.db).some((r, i) => r.status !== before[i]!.status);
      probe.db.close();
      return differs;
    });
    expect(changingDay).toBeDefined();
    const expected = projected('expected', new ManualClock(new Date(`${changingDay}T12:00:00Z`)));
    const head = await store.headPosition();

    // The server's clock moves on; nothing is recorded; only the timer may notice.
    clock.set(`${changingDay}T12:00:00Z`);
    const published = new Promise<AssuranceStatusChange[]>((resolve) => {
      const statusClock = new StatusClock(live.db, live.projection, clock, (changes) => {
        statusClock.stop();
        resolve(changes);
      });
      statusClock.start(5);
    });
    const changes = await published;

    expect(changes.length).toBeGreaterThan(0);
    const after = rows(live.db);
    expect(after.map((r) => [r.organization_id, r.status, r.flags])).toEqual(rows(expected.db).map((r) => [r.organization_id, r.status, r.flags]));
    expect(after).not.toEqual(before);
    for (const change of changes) {
      expect(after.find((r) => r.organization_id === change.organizationId)?.status).toBe(change.status);
    }
    expect(await store.headPosition()).toBe(head);
    live.db.close();
    expected.db.close();
  });
});
