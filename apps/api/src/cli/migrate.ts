import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectEventStoreDb, describeConnection } from '../../../../libs/event-store/src/eventstoredb/eventstoredb-connection';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { MigrationConflictError, migrateEvents, type MigrationReport } from '../../../../libs/event-store/src/migration/migrate-events';
import { ProgressThrottle, renderProgress } from '../../../../libs/event-store/src/migration/migration-progress';
import { connectPostgres } from '../../../../libs/event-store/src/postgres/postgres-connection';
import { SqliteEventStore } from '../../../../libs/event-store/src/sqlite/sqlite-event-store';
import { loadConfig } from '../config/app-config';
import { loadEventStoreConfig } from '../config/event-store-config';

const USAGE = `Usage: npm run migrate -- --to postgres|eventstoredb

Copies every event of the embedded store (DATA_DIR/events.db) into PostgreSQL (DATABASE_URL,
POSTGRES_SCHEMA; the schema is created or upgraded first) or EventStoreDB
(EVENTSTORE_CONNECTION_STRING), keeping ids, order, revisions and metadata (and so the hash
chain). Safe to interrupt (Ctrl-C) and to run again: a rerun copies only what is missing and
verifies the rest. Stop the API first, or run again after stopping it, so that no late write is
left behind.`;

const TARGETS = { postgres: 'PostgreSQL', eventstoredb: 'EventStoreDB' } as const;
type Target = keyof typeof TARGETS;

/** Connects to the target (waiting, bounded, for a server still starting), from the environment. */
async function openTarget(to: Target, log: (line: string) => void): Promise<{ store: EventStore; where: string }> {
  const target = loadEventStoreConfig({ ...process.env, EVENT_STORE: to });
  if (target.kind === 'sqlite') throw new Error('unreachable: the target is a server');
  const where = describeConnection(target.connectionString);
  if (target.kind === 'postgres') {
    const { connectionString, schema, startup } = target;
    return { store: await connectPostgres({ connectionString, schema, startup, log }), where: `${where} (schema "${schema}")` };
  }
  const { connectionString, namespace, deadlineMs, startup } = target;
  return { store: await connectEventStoreDb({ connectionString, namespace, deadlineMs, startup, log }), where };
}

/**
 * `npm run migrate -- --to postgres|eventstoredb`. Progress goes to stderr (a bar redrawn in place
 * on a terminal, a line every few seconds otherwise); the summary to stdout. Exit codes: 0 done,
 * 1 failed (nothing half-written: each append is atomic and a rerun continues), 2 usage,
 * 130 interrupted (run again to continue).
 */
async function main(argv: string[]): Promise<number> {
  const to = argv[argv.indexOf('--to') + 1];
  if (argv.includes('--help') || !argv.includes('--to') || (to !== 'postgres' && to !== 'eventstoredb')) {
    console.error(USAGE);
    return argv.includes('--help') ? 0 : 2;
  }
  const { dataDir } = loadConfig();
  const sourcePath = join(dataDir, 'events.db');
  if (!existsSync(sourcePath)) {
    console.error(`Nothing to migrate: ${sourcePath} does not exist (DATA_DIR=${dataDir})`);
    return 2;
  }
  const source = new SqliteEventStore(sourcePath, { pollIntervalMs: 60_000 });
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: leave now; a rerun will continue
    console.error('\nStopping after the current append… (Ctrl-C again to leave at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const { store, where } = await openTarget(to, (line) => console.error(line)).catch(async (error: unknown) => {
    await source.close();
    throw error;
  });
  console.error(`Migrating ${sourcePath} → ${TARGETS[to]} at ${where}`);
  const started = Date.now();
  const terminal = process.stderr.isTTY === true;
  const throttle = new ProgressThrottle(terminal ? 100 : 5000);
  const draw = (progress: Parameters<typeof renderProgress>[0], final = false) => {
    if (!throttle.shouldDraw(final)) return;
    const line = renderProgress(progress, Date.now() - started);
    process.stderr.write(terminal ? `\r\x1b[2K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  let report: MigrationReport | undefined;
  try {
    report = await migrateEvents(source, store, { signal: controller.signal, onProgress: (p) => draw(p) });
    draw(report, true);
  } finally {
    await Promise.allSettled([store.close(), source.close()]);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = `${report.copied} copied, ${report.alreadyPresent} already there, ${report.streams} streams`;
  if (report.interrupted) {
    console.log(`Interrupted after ${report.done} of ${report.total} events (${counts}). Run the same command again to continue.`);
    return 130;
  }
  console.log(`Migrated ${report.done} events to ${TARGETS[to]} at ${where} in ${seconds} s (${counts}).`);
  const same = to === 'postgres' ? 'DATABASE_URL and POSTGRES_SCHEMA' : 'EVENTSTORE_CONNECTION_STRING';
  console.log(`Next: start the API with EVENT_STORE=${to} and the same ${same}.`);
  const key = join(dataDir, 'ledger-signing-key.pem');
  if (existsSync(key)) console.log(`Give every replica the ledger's signing key: LEDGER_SIGNING_KEY_FILE=${key} (or a copy of it).`);
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const hint = error instanceof MigrationConflictError ? ' (the target holds other events for this stream; nothing was written to it)' : '';
    console.error(`\nmigrate failed: ${error instanceof Error ? error.message : String(error)}${hint}`);
    process.exit(1);
  });
