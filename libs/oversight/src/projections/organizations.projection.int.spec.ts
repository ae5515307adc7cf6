import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port';
import { advanceCheckpoint, readCheckpoint, type Projection } from '../../../event-store/src/projection/projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../../event-store/src/projection/projection-runner';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import {
  HISTORY_END,
  HISTORY_END_DAY,
  HISTORY_EXCEPTIONS,
  HISTORY_ORGANIZATIONS,
  HISTORY_STATUS_AT_END,
  recordOversightHistory,
  type HistoryOrganization,
  type OversightHistory,
} from '../../../testing/src/oversight-history';
import { ManualClock } from '../application/clock';
import { ServiceAuditorRegistry } from '../application/service-auditors';
import { ORGANIZATION_STREAM_PREFIX, organizationStream } from '../application/event-envelope';
import type { OrganizationState } from '../domain/organization.state';
import { ExceptionQueries } from '../queries/exception.queries';
import { OrganizationQueries } from '../queries/organization.queries';
import { OrganizationsProjection } from './organizations.projection';
import type { AssuranceStatusChange } from './read-model.effects';
import { READ_MODEL_TABLES } from './read-model.schema';
import { StatusClock } from './status-clock';

/**
 * The organization read models on real SQLite files (an event store file and read-model files
 * in os.tmpdir()), fed with a realistic history recorded through the command path.
 */

type Db = Database.Database;
type Dump = Record<string, unknown[]>;

const ACME = 'acme';
const GLOBEX = 'globex';
const ORDER_BY: Record<string, string> = {
  organization_state: 'tenant_id, organization_id',
  organization_status: 'tenant_id, organization_id',
  control_exception: 'tenant_id, organization_id, exception_id',
  control_coverage: 'tenant_id, organization_id',
  organization_name: 'tenant_id, name_norm, organization_id',
};

function openReadModel(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  return db;
}

/** Every row of every read-model table, in key order: what "the same rows" means. */
function dump(db: Db): Dump {
  return Object.fromEntries(
    READ_MODEL_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${ORDER_BY[table]}`).all()]),
  );
}

function withoutAssessedOn(d: Dump): Dump {
  return {
    ...d,
    organization_status: d.organization_status!.map((row) => ({ ...(row as object), assessed_on: '(any)' })),
  };
}

function describeError(error: unknown): string {
  return `${(error as { code?: string }).code ?? ''} ${String(error)}`;
}

function totalChanges(db: Db): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

async function eventually(condition: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('OrganizationsProjection on SQLite files', () => {
  let dir: string;
  /** Two tenants' histories, recorded once; specs that only read share it. */
  let shared: SqliteEventStore;
  let histories: Record<string, OversightHistory>;
  let sharedEvents: RecordedEvent[];
  let files = 0;
  const cleanups: Array<() => unknown> = [];

  const readModelPath = () => join(dir, `read-model-${++files}.db`);
  const readModel = (path = readModelPath()) => {
    const db = openReadModel(path);
    cleanups.push(() => db.open && db.close());
    return db;
  };
  const projectionAt = (at: string | ManualClock = HISTORY_END) =>
    new OrganizationsProjection(typeof at === 'string' ? new ManualClock(new Date(at)) : at);

  function runner(
    db: Db,
    projections: Projection<AssuranceStatusChange>[],
    options: Partial<ProjectionRunnerOptions<AssuranceStatusChange>> = {},
  ) {
    const errors: unknown[] = [];
    const committed: RecordedEvent[][] = [];
    const effects: AssuranceStatusChange[] = [];
    const r = new ProjectionRunner<AssuranceStatusChange>({
      store: shared,
      db,
      projections,
      retryDelayMs: 5,
      onError: (error) => errors.push(error),
      onCommitted: (events, changes) => {
        committed.push(events);
        effects.push(...changes);
      },
      ...options,
    });
    cleanups.push(() => r.stop());
    return { runner: r, errors, committed, effects };
  }

  /** A clean rebuild of `store` into a new read-model file, with the projection clock at `at`. */
  async function cleanRebuild(store: EventStore = shared, at: string = HISTORY_END): Promise<Dump> {
    const db = readModel();
    const { runner: r, errors } = runner(db, [projectionAt(at)], { store });
    r.start();
    expect(await r.waitFor(await store.headPosition(), 5000)).toBe(true);
    await r.stop();
    expect(errors).toEqual([]);
    return dump(db);
  }

  async function streamLengths(store: EventStore): Promise<Map<string, number>> {
    const lengths = new Map<string, number>();
    for (const e of await store.readAll({ streamPrefix: ORGANIZATION_STREAM_PREFIX })) {
      lengths.set(e.streamId, (lengths.get(e.streamId) ?? 0) + 1);
    }
    return lengths;
  }

  /** Each organization's snapshot folded exactly its stream: nothing applied twice, nothing lost. */
  async function expectEveryStreamFoldedOnce(db: Db, store: EventStore = shared): Promise<void> {
    const rows = db.prepare('SELECT tenant_id, organization_id, revision, state FROM organization_state').all() as Array<{
      tenant_id: string;
      organization_id: string;
      revision: number;
      state: string;
    }>;
    const lengths = await streamLengths(store);
    expect(rows).toHaveLength(lengths.size);
    for (const row of rows) {
      const length = lengths.get(organizationStream(row.tenant_id, row.organization_id));
      expect({ id: row.organization_id, version: (JSON.parse(row.state) as OrganizationState).version }).toEqual({
        id: row.organization_id,
        version: length,
      });
      expect(row.revision).toBe(length! - 1);
    }
    const exceptions = db.prepare('SELECT count(*) FROM control_exception').pluck().get();
    const tenants = db.prepare('SELECT count(DISTINCT tenant_id) FROM organization_state').pluck().get() as number;
    expect(exceptions).toBe(Object.keys(HISTORY_EXCEPTIONS).length * tenants);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'organizations-projection-'));
    shared = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 60_000, subscriptionPageSize: 50 });
    const clock = new ManualClock(new Date('2024-01-01T00:00:00Z'));
    histories = {
      [ACME]: await recordOversightHistory(shared, clock, ACME),
      [GLOBEX]: await recordOversightHistory(shared, clock, GLOBEX),
    };
    // A careful team vetted the history's service auditor (AUDITOR_NOT_VETTED otherwise).
    for (const tenantId of [ACME, GLOBEX]) {
      await new ServiceAuditorRegistry(shared, clock).vet(
        { tenantId, actor: { id: 'analyst', role: 'ANALYST' }, commandId: 'vet-example-assurance' },
        { firm: 'Example Assurance LLP', licence: 'L-1', peerReviewRating: 'PASS', peerReviewDate: '2023-06-01' },
      );
    }
    sharedEvents = await shared.readAll();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await shared.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects the history to the statuses assess() gives on the last day', () => {
    const db = readModel();
    const projection = projectionAt();
    projection.setup(db);
    db.transaction(() => projection.apply(db, sharedEvents))();
    const queries = new OrganizationQueries(db);
    for (const tenant of [ACME, GLOBEX]) {
      const ids = histories[tenant]!.ids;
      const actual = Object.fromEntries(
        HISTORY_ORGANIZATIONS.map((key) => {
          const view = queries.status(tenant, ids[key])!;
          return [key, { status: view.status, flags: view.flags }];
        }),
      );
      expect(actual).toEqual(HISTORY_STATUS_AT_END);
    }
  });

  describe('idempotency', () => {
    let once: Dump;

    beforeAll(() => {
      const db = openReadModel(join(dir, 'once.db'));
      const projection = projectionAt();
      projection.setup(db);
      db.transaction(() => projection.apply(db, sharedEvents))();
      once = dump(db);
      db.close();
    });

    it('applying the same batch twice, in two transactions or in one, yields the rows of applying it once', () => {
      const twice = readModel();
      const projection = projectionAt();
      projection.setup(twice);
      const first = twice.transaction(() => projection.apply(twice, sharedEvents))();
      const second = twice.transaction(() => projection.apply(twice, sharedEvents))();
      expect(first.length).toBeGreaterThan(0);
      expect(second).toEqual([]);
      expect(dump(twice)).toEqual(once);

      const inOne = readModel();
      projection.setup(inOne);
      const again = inOne.transaction(() => [projection.apply(inOne, sharedEvents), projection.apply(inOne, sharedEvents)])();
      expect(again[1]).toEqual([]);
      expect(dump(inOne)).toEqual(once);
    });

    it('overlapping batches, and every prefix re-applied, yield the rows of applying each event once', () => {
      const db = readModel();
      const projection = projectionAt();
      projection.setup(db);
      // Windows of 7 events moving by 4: every event arrives in two batches, some in three.
      for (let start = 0; start < sharedEvents.length; start += 4) {
        const batch = sharedEvents.slice(start, start + 7);
        db.transaction(() => projection.apply(db, batch))();
      }
      expect(dump(db)).toEqual(once);

      const replayed = readModel();
      projection.setup(replayed);
      for (let end = 10; end <= sharedEvents.length + 10; end += 10) {
        replayed.transaction(() => projection.apply(replayed, sharedEvents.slice(0, end)))();
      }
      expect(dump(replayed)).toEqual(once);
    });

    it('one event per transaction yields the same rows as one big batch', () => {
      const db = readModel();
      const projection = projectionAt();
      projection.setup(db);
      for (const e of sharedEvents) db.transaction(() => projection.apply(db, [e]))();
      expect(dump(db)).toEqual(once);
    });
  });

  describe('rebuild', () => {
    it('a live run fed in many small batches while the history is written equals a rebuild from zero', async () => {
      const store = new SqliteEventStore(join(dir, 'live-events.db'), { pollIntervalMs: 60_000 });
      cleanups.push(() => store.close());
      const db = readModel();
      const { runner: r, errors, committed } = runner(db, [projectionAt()], { store, batchSize: 4 });
      r.start();
      await recordOversightHistory(store, new ManualClock(new Date('2024-01-01T00:00:00Z')), ACME, {
        afterEach: (_step, _outcome, index) => (index % 3 === 0 ? nextMacrotask() : undefined),
      });
      expect(await r.waitFor(await store.headPosition(), 5000)).toBe(true);
      const live = dump(db);
      expect(errors).toEqual([]);
      expect(committed.length).toBeGreaterThan(10); // it really ran incrementally
      await expectEveryStreamFoldedOnce(db, store);

      await r.stop();
      r.resetAll();
      expect(Object.values(dump(db)).every((rows) => rows.length === 0)).toBe(true);
      expect(r.checkpoints()).toEqual({ organizations: 0n });
      r.start();
      expect(await r.waitFor(await store.headPosition(), 5000)).toBe(true);
      expect(dump(db)).toEqual(live);
      expect(errors).toEqual([]);
      expect(await cleanRebuild(store)).toEqual(live);
    });

    it('with the projection on the command clock, the StatusClock brings a live run level with a rebuild', async () => {
      const store = new SqliteEventStore(join(dir, 'moving-clock-events.db'), { pollIntervalMs: 60_000 });
      cleanups.push(() => store.close());
      const clock = new ManualClock(new Date('2024-01-01T00:00:00Z'));
      const db = readModel();
      const projection = projectionAt(clock);
      const { runner: r, errors } = runner(db, [projection], { store, batchSize: 2 });
      r.start();
      await recordOversightHistory(store, clock, ACME, {
        // Let the runner catch up after every command, so each event is assessed on its own day.
        afterEach: async (_step, outcome) => void (await r.waitFor(outcome.position, 2000)),
      });
      expect(await r.waitFor(await store.headPosition(), 5000)).toBe(true);
      expect(errors).toEqual([]);
      // Rows were assessed on the day of their last event; time has moved on since.
      new StatusClock(db, projection, clock).catchUp();
      // A row not due keeps its older assessed_on; everything else must match.
      expect(withoutAssessedOn(dump(db))).toEqual(withoutAssessedOn(await cleanRebuild(store, HISTORY_END)));
    });
  });

  describe('kill and resume', () => {
    /** Delegates to a real projection; throws after applying the N-th event (the transaction rolls back). */
    class CrashingProjection implements Projection<AssuranceStatusChange> {
      readonly name = 'organizations';
      seen = 0;
      constructor(
        private readonly inner: OrganizationsProjection,
        private readonly crashAtEvent: number,
      ) {}
      setup(db: Db) {
        this.inner.setup(db);
      }
      reset(db: Db) {
        this.inner.reset(db);
      }
      apply(db: Db, events: RecordedEvent[]) {
        const changes = this.inner.apply(db, events);
        this.seen += events.length;
        if (this.seen >= this.crashAtEvent) throw new Error(`crash after writing event #${this.seen}`);
        return changes;
      }
    }

    it('a crash inside a batch rolls it back; a new runner on the same file resumes from the checkpoint', async () => {
      const path = readModelPath();
      const crashAt = Math.floor(sharedEvents.length / 2);
      const first = readModel(path);
      const crashing = new CrashingProjection(projectionAt(), crashAt);
      const before = runner(first, [crashing], { batchSize: 1, retryDelayMs: 20 });
      before.runner.start();
      await eventually(() => before.errors.length > 0, 3000, 'the crash');
      await before.runner.stop();
      first.close(); // the process is gone

      const second = readModel(path);
      const checkpoint = readCheckpoint(second, 'organizations');
      // Every event before the crash is in, the crashing one is not.
      expect(checkpoint).toBe(sharedEvents[crashAt - 2]!.position);
      const applied = second.prepare('SELECT sum(revision + 1) FROM organization_state').pluck().get();
      expect(applied).toBe(crashAt - 1);

      const after = runner(second, [projectionAt()], { batchSize: 5 });
      after.runner.start();
      expect(await after.runner.waitFor(await shared.headPosition(), 5000)).toBe(true);
      expect(after.errors).toEqual([]);
      // Committed batches of both runs: every event once, in order; none twice, none lost.
      const committed = [...before.committed, ...after.committed].flat().map((e) => e.position);
      expect(committed).toEqual(sharedEvents.map((e) => e.position));
      expect(dump(second)).toEqual(await cleanRebuild());
      await expectEveryStreamFoldedOnce(second);
    });

    it('a runner stopped midway and a new one on the same file end with the rows of a clean rebuild', async () => {
      const path = readModelPath();
      const first = readModel(path);
      const before = runner(first, [projectionAt()], { batchSize: 1 });
      before.runner.start();
      await before.runner.waitFor(sharedEvents[40]!.position, 3000);
      await before.runner.stop();
      first.close();

      const second = readModel(path);
      const after = runner(second, [projectionAt()], { batchSize: 3 });
      after.runner.start();
      expect(await after.runner.waitFor(await shared.headPosition(), 5000)).toBe(true);
      const committed = [...before.committed, ...after.committed].flat().map((e) => e.position);
      expect(committed).toEqual(sharedEvents.map((e) => e.position));
      expect([...before.errors, ...after.errors]).toEqual([]);
      expect(dump(second)).toEqual(await cleanRebuild());
      await expectEveryStreamFoldedOnce(second);
    });
  });

  describe('the checkpoint compare-and-set', () => {
    it('a runner whose read went stale because another connection committed the same events retries without applying them twice', async () => {
      const path = readModelPath();
      const dbA = readModel(path);
      const dbB = readModel(path);
      const projectionA = projectionAt();
      projectionA.setup(dbA);
      dbA.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL)');
      const inner = projectionAt();
      const k = 30;
      let raced = false;
      // B's transaction has read checkpoint 0 when "runner A" (another process) commits events 1..k.
      const racing: Projection<AssuranceStatusChange> = {
        name: 'organizations',
        setup: (db) => inner.setup(db),
        reset: (db) => inner.reset(db),
        apply: (db, events) => {
          if (!raced) {
            raced = true;
            dbA.transaction(() => {
              const from = readCheckpoint(dbA, 'organizations');
              projectionA.apply(dbA, sharedEvents.slice(0, k));
              advanceCheckpoint(dbA, 'organizations', from, sharedEvents[k - 1]!.position);
            })();
          }
          return inner.apply(db, events);
        },
      };
      const b = runner(dbB, [racing], { batchSize: 1000 });
      b.runner.start();
      expect(await b.runner.waitFor(await shared.headPosition(), 5000)).toBe(true);

      expect(raced).toBe(true);
      // B's first commit failed: its snapshot was stale (or, had it read the checkpoint earlier,
      // the compare-and-set would have refused)…
      expect(b.errors.length).toBeGreaterThanOrEqual(1);
      for (const error of b.errors) expect(describeError(error)).toMatch(/SQLITE_BUSY_SNAPSHOT|moved under us/);
      expect(readCheckpoint(dbB, 'organizations')).toBe(await shared.headPosition());
      // …and its retry applied only what A had not: the same rows as a clean rebuild.
      expect(dump(dbB)).toEqual(await cleanRebuild());
      await expectEveryStreamFoldedOnce(dbB);
    });

    it('advancing from a stale checkpoint throws and changes nothing', () => {
      const db = readModel();
      const { runner: r } = runner(db, [projectionAt()]);
      db.transaction(() => advanceCheckpoint(db, 'organizations', 0n, 10n))();
      expect(() => db.transaction(() => advanceCheckpoint(db, 'organizations', 0n, 12n))()).toThrow(/moved under us/);
      expect(() => db.transaction(() => advanceCheckpoint(db, 'organizations', 4n, 12n))()).toThrow(/moved under us/);
      expect(r.checkpoints()).toEqual({ organizations: 10n });
    });

    it('two runners on one read-model file, running at once, end with the rows of a clean rebuild', async () => {
      const path = readModelPath();
      const dbA = readModel(path);
      const dbB = readModel(path);
      const a = runner(dbA, [projectionAt()], { batchSize: 3 });
      const b = runner(dbB, [projectionAt()], { batchSize: 5 });
      a.runner.start();
      b.runner.start();
      const head = await shared.headPosition();
      expect(await a.runner.waitFor(head, 5000)).toBe(true);
      expect(await b.runner.waitFor(head, 5000)).toBe(true);
      expect([...a.errors, ...b.errors]).toEqual([]);
      expect(dump(dbA)).toEqual(await cleanRebuild());
      await expectEveryStreamFoldedOnce(dbA);
    });
  });

  describe('StatusClock', () => {
    let db: Db;
    let clock: ManualClock;
    let projection: OrganizationsProjection;
    let published: AssuranceStatusChange[][];
    let statusClock: StatusClock;
    let queries: OrganizationQueries;

    beforeEach(() => {
      db = readModel();
      clock = new ManualClock(new Date(HISTORY_END));
      projection = projectionAt(clock);
      projection.setup(db);
      db.transaction(() => projection.apply(db, sharedEvents))();
      published = [];
      statusClock = new StatusClock(db, projection, clock, (changes) => published.push(changes));
      queries = new OrganizationQueries(db);
    });

    const statusOf = (tenant: string, key: HistoryOrganization) => queries.status(tenant, histories[tenant]!.ids[key])!;

    it('touches no row when nothing is due', () => {
      const before = totalChanges(db);
      const rows = dump(db);
      expect(statusClock.catchUp()).toEqual([]);
      expect(totalChanges(db)).toBe(before);
      expect(dump(db)).toEqual(rows);
      expect(published).toEqual([]);
    });

    it('moves an ASSURED organization to EXPIRED once its report ages out, and announces it', () => {
      const fra = statusOf(ACME, 'dcFrankfurt');
      expect(fra).toMatchObject({ status: 'ASSURED', expiresAt: '2026-12-31', nextReassessmentOn: '2026-11-01' });

      // In the warning window: still ASSURED, now EXPIRING.
      clock.set('2026-11-15T08:00:00.000Z');
      statusClock.catchUp();
      expect(statusOf(ACME, 'dcFrankfurt')).toMatchObject({
        status: 'ASSURED',
        flags: ['EXPIRING'],
        assessedOn: '2026-11-15',
        nextReassessmentOn: '2026-11-16',
      });

      clock.set('2027-01-05T08:00:00.000Z');
      const changes = statusClock.catchUp();
      const fraChanges = changes.filter((c) => c.organizationId === fra.organizationId);
      expect(fraChanges).toEqual([
        expect.objectContaining({
          tenantId: ACME,
          name: 'Frankfurt Colo GmbH',
          previousStatus: 'ASSURED',
          status: 'EXPIRED',
          assessedOn: '2027-01-05',
        }),
      ]);
      expect(statusOf(ACME, 'dcFrankfurt')).toMatchObject({ status: 'EXPIRED', assessedOn: '2027-01-05' });
      // Both tenants' Frankfurt rows expired; the change was published as returned.
      expect(statusOf(GLOBEX, 'dcFrankfurt').status).toBe('EXPIRED');
      expect(published.at(-1)).toEqual(changes);
      // Not due: untouched.
      expect(statusOf(ACME, 'helpdesk')).toMatchObject({ status: 'OFFBOARDED', assessedOn: HISTORY_END_DAY });

      // Caught up: a second call on the same day is due nowhere.
      const before = totalChanges(db);
      expect(statusClock.catchUp()).toEqual([]);
      expect(totalChanges(db)).toBe(before);
    });

    it('after catching up, the rows equal a rebuild on that day (except the day each was assessed)', async () => {
      clock.set('2027-01-05T08:00:00.000Z');
      statusClock.catchUp();
      expect(withoutAssessedOn(dump(db))).toEqual(withoutAssessedOn(await cleanRebuild(shared, '2027-01-05T08:00:00.000Z')));
    });
  });

  describe('queries over the projected history', () => {
    let db: Db;
    let orgs: OrganizationQueries;
    let exceptions: ExceptionQueries;

    beforeAll(() => {
      db = openReadModel(join(dir, 'queries.db'));
      const projection = projectionAt();
      projection.setup(db);
      db.transaction(() => projection.apply(db, sharedEvents))();
      orgs = new OrganizationQueries(db);
      exceptions = new ExceptionQueries(db);
    });
    afterAll(() => db.close());

    const idsOf = (tenant: string, keys: HistoryOrganization[]) => keys.map((k) => histories[tenant]!.ids[k]);
    const nameOf = (tenant: string) => {
      const byId = Object.fromEntries(HISTORY_ORGANIZATIONS.map((k) => [histories[tenant]!.ids[k], k]));
      return (id: string) => byId[id];
    };

    /** Walks every page; checks the page invariants on the way. */
    function walk(tenant: string, filter: Parameters<OrganizationQueries['list']>[1], first: number) {
      const seen: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (let pages = 0; pages < 50; pages++) {
        const page = orgs.list(tenant, filter, first, after);
        if (totalCount === -1) totalCount = page.totalCount;
        expect(page.totalCount).toBe(totalCount);
        expect(page.nodes.length).toBeLessThanOrEqual(first);
        expect(page.cursors).toHaveLength(page.nodes.length);
        expect(page.nodes.every((n) => n.tenantId === tenant)).toBe(true);
        seen.push(...page.nodes.map((n) => n.organizationId));
        if (!page.hasNextPage) {
          expect(seen).toHaveLength(totalCount);
          return seen.map(nameOf(tenant));
        }
        expect(page.endCursor).toBe(page.cursors.at(-1));
        after = page.endCursor;
      }
      throw new Error('too many pages');
    }

    it('lists every organization of a tenant by name, over keyset pages of every size', () => {
      const byName: HistoryOrganization[] = [
        'dcAmsterdam', // Amsterdam Datacenter BV
        'dcDublin', // Dublin Hosting Ltd
        'dcFrankfurt', // Frankfurt Colo GmbH
        'helpdesk', // Helpdesk Managed Services
        'ledger', // Ledger Analytics SaaS
        'cloud', // Nimbus Cloud Hosting
        'payments', // Payments Gateway AG
        'payroll', // Payroll Cloud Ltd
        'dcZurich', // Zurich Colocation AG
      ];
      for (const first of [1, 2, 4, 9, 50]) {
        expect(walk(ACME, {}, first)).toEqual(byName);
        expect(walk(GLOBEX, {}, first)).toEqual(byName);
      }
      expect(orgs.list('nobody', {}, 10)).toMatchObject({ nodes: [], totalCount: 0, hasNextPage: false, endCursor: null });
    });

    it('filters by status, category, criticality, name and parent, alone and together', () => {
      expect(walk(ACME, { status: ['ASSURED'] }, 1)).toEqual(['dcAmsterdam', 'dcFrankfurt']);
      expect(walk(ACME, { status: ['NOT_ASSURED', 'EXPIRED'] }, 1)).toEqual(['cloud', 'payments']);
      expect(walk(ACME, { category: ['DATA_CENTER_COLOCATION'] }, 3)).toEqual([
        'dcAmsterdam',
        'dcDublin',
        'dcFrankfurt',
        'dcZurich',
      ]);
      expect(walk(ACME, { criticality: ['CRITICAL'] }, 2)).toEqual(['dcFrankfurt', 'cloud', 'payments']);
      expect(walk(ACME, { search: 'COLO' }, 1)).toEqual(['dcFrankfurt', 'dcZurich']);
      expect(walk(ACME, { parentOrganizationId: histories[ACME]!.ids.payroll }, 1)).toEqual(['dcFrankfurt']);
      expect(walk(ACME, { parentOrganizationId: histories[ACME]!.ids.payments }, 1)).toEqual(['dcZurich']);
      expect(walk(ACME, { category: ['DATA_CENTER_COLOCATION'], status: ['ASSURED_WITH_EXCEPTIONS'] }, 1)).toEqual([
        'dcDublin',
        'dcZurich',
      ]);
      expect(walk(ACME, { status: ['COVERAGE_GAP'] }, 5)).toEqual([]);
      // Another tenant's parent id matches nothing here.
      expect(walk(ACME, { parentOrganizationId: histories[GLOBEX]!.ids.payroll }, 5)).toEqual([]);
    });

    it('exposes the projected detail of a row: reasons, coverage, subservice links', () => {
      const ams = orgs.status(ACME, histories[ACME]!.ids.dcAmsterdam)!;
      expect(ams).toMatchObject({
        status: 'ASSURED',
        flags: ['BRIDGED'],
        coverageEnd: '2025-09-30',
        reach: '2025-12-31',
        expiresAt: '2026-09-30',
        currentReportId: 'rep-ams-2025',
      });
      expect(ams.reasons.map((r) => r.code)).toEqual(['CURRENT_REPORT_ACCEPTED', 'FISCAL_YEAR_END_BRIDGED']);
      const fra = orgs.status(ACME, histories[ACME]!.ids.dcFrankfurt)!;
      expect(fra).toMatchObject({ parentOrganizationId: histories[ACME]!.ids.payroll, inclusionMethod: 'CARVE_OUT' });
      expect(orgs.coverage(ACME, histories[ACME]!.ids.cloud)).toMatchObject({
        reportId: 'rep-cloud-2025',
        expectedCount: 3,
        testedCount: 2,
        missing: [expect.objectContaining({ ref: 'CC8.1', rank: 1 })],
        unexpected: ['CC7.1'],
      });
      expect(orgs.coverage(ACME, histories[ACME]!.ids.payroll)).toMatchObject({ expectedCount: 2, testedCount: 2, coverageRatio: 1 });
      expect(orgs.state(ACME, histories[ACME]!.ids.ledger)?.reports['rep-led-2025']?.withdrawn?.reason).toMatch(/Entered in error/);
    });

    it('summarises a tenant by status, criticality and category, with the reports expiring soon', () => {
      const summary = orgs.summary(ACME, HISTORY_END_DAY, 200);
      expect(summary.total).toBe(9);
      expect(Object.fromEntries(summary.byStatus.map((s) => [s.status, s.count]))).toEqual({
        OFFBOARDED: 1,
        NO_ASSURANCE: 1,
        NOT_ASSURED: 1,
        EXPIRED: 1,
        COVERAGE_GAP: 0,
        ASSURED_WITH_EXCEPTIONS: 3,
        ASSURED: 2,
      });
      expect(Object.fromEntries(summary.byCriticality.map((s) => [s.criticality, s.count]))).toEqual({
        CRITICAL: 3,
        HIGH: 3,
        MEDIUM: 2,
        LOW: 1,
      });
      expect(Object.fromEntries(summary.byCategory.map((s) => [s.category, s.count]))).toEqual({
        DATA_CENTER_COLOCATION: 4,
        PAYROLL: 1,
        SAAS: 1,
        PAYMENTS: 1,
        CLOUD_HOSTING: 1,
        MANAGED_SERVICE: 1,
      });
      // 2026-09-30 is 183 days away; the 2026-12-31 expiries are 275 days away.
      expect(summary.expiringSoon.map((o) => nameOf(ACME)(o.organizationId))).toEqual(['dcAmsterdam']);
      expect(orgs.summary(ACME, HISTORY_END_DAY, 90).expiringSoon).toEqual([]);
      const year = orgs.summary(ACME, HISTORY_END_DAY, 365).expiringSoon;
      expect(year.map((o) => o.expiresAt)).toEqual(['2026-09-30', ...Array(5).fill('2026-12-31')]);
      expect(year.map((o) => nameOf(ACME)(o.organizationId))).toEqual([
        'dcAmsterdam',
        'dcDublin',
        'dcFrankfurt',
        'cloud',
        'payroll',
        'dcZurich',
      ]);
      expect(orgs.summary('nobody', HISTORY_END_DAY, 365).total).toBe(0);
    });

    it('finds open and overdue exceptions, riskiest first, over keyset pages', () => {
      const walkExceptions = (filter: Parameters<ExceptionQueries['list']>[1], today = HISTORY_END_DAY, first = 1) => {
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page = exceptions.list(ACME, filter, today, first, after);
          seen.push(...page.nodes.map((x) => x.exceptionId));
          if (!page.hasNextPage) {
            expect(seen).toHaveLength(page.totalCount);
            return seen;
          }
          after = page.endCursor;
        }
      };
      expect(walkExceptions({})).toEqual(['exc-cloud-1', 'exc-pay-1', 'exc-ams-1', 'exc-dub-1', 'exc-pay-2']);
      expect(walkExceptions({}, HISTORY_END_DAY, 2)).toEqual(walkExceptions({}));
      expect(walkExceptions({ open: true })).toEqual(['exc-cloud-1', 'exc-pay-2']);
      expect(walkExceptions({ overdue: true })).toEqual(['exc-cloud-1', 'exc-pay-2']);
      expect(walkExceptions({ open: false })).toEqual(['exc-pay-1', 'exc-ams-1', 'exc-dub-1']);
      expect(walkExceptions({ severity: ['MEDIUM'] })).toEqual(['exc-ams-1', 'exc-dub-1']);
      expect(walkExceptions({ organizationId: histories[ACME]!.ids.payroll })).toEqual(['exc-pay-1', 'exc-pay-2']);
      // Before exc-pay-2's due date it is open, not overdue.
      expect(walkExceptions({ overdue: true }, '2026-03-15')).toEqual(['exc-cloud-1']);
      // The risk acceptance of exc-dub-1 covers through 2026-12-31; from the next day it is open again.
      expect(walkExceptions({ open: true }, '2026-12-31')).toEqual(['exc-cloud-1', 'exc-pay-2']);
      expect(walkExceptions({ open: true }, '2027-01-01')).toEqual(['exc-cloud-1', 'exc-dub-1', 'exc-pay-2']);

      const cloud = exceptions.list(ACME, { open: true }, HISTORY_END_DAY, 1).nodes[0]!;
      expect(cloud).toMatchObject({
        organizationName: 'Nimbus Cloud Hosting',
        severity: 'CRITICAL',
        dueDate: '2026-02-28',
        open: true,
        overdue: true,
        foundOn: '2026-01-20',
      });
      expect(cloud.eventIds).toHaveLength(2);
      const closed = exceptions.list(ACME, { organizationId: histories[ACME]!.ids.payroll }, HISTORY_END_DAY, 1).nodes[0]!;
      expect(closed).toMatchObject({ exceptionId: 'exc-pay-1', closedOn: '2026-03-10', open: false, overdue: false });
      expect(exceptions.list(GLOBEX, {}, HISTORY_END_DAY, 10).nodes.every((x) => x.organizationId !== histories[ACME]!.ids.payroll)).toBe(true);
    });
  });
});
