import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectEventStoreDb, describeConnection } from '../../../../libs/event-store/src/eventstoredb/eventstoredb-connection';
import { MigrationConflictError, migrateEvents, type MigrationReport } from '../../../../libs/event-store/src/migration/migrate-events';
import { ProgressThrottle, renderProgress } from '../../../../libs/event-store/src/migration/migration-progress';
import { SqliteEventStore } from '../../../../libs/event-store/src/sqlite/sqlite-event-store';
import { loadConfig } from '../config/app-config';
import { loadEventStoreConfig } from '../config/event-store-config';

const USAGE = `Usage: npm run migrate -- --to eventstoredb

Copies every event of the embedded store (DATA_DIR/events.db) into EventStoreDB
(EVENTSTORE_CONNECTION_STRING), keeping ids, order, revisions and metadata. Safe to
interrupt (Ctrl-C) and to run again: a rerun copies only what is missing and verifies the rest.
Stop the API first, or run again after stopping it, so that no late write is left behind.`;

/**
 * `npm run migrate -- --to eventstoredb`. Progress goes to stderr (a bar redrawn in place on a
 * terminal, a line every few seconds otherwise); the summary to stdout. Exit codes: 0 done,
 * 1 failed (nothing half-written: each append is atomic and a rerun continues), 2 usage,
 * 130 interrupted (run again to continue).
 */
async function main(argv: string[]): Promise<number> {
  const to = argv[argv.indexOf('--to') + 1];
  if (argv.includes('--help') || !argv.includes('--to') || to !== 'eventstoredb') {
    console.error(USAGE);
    return argv.includes('--help') ? 0 : 2;
  }
  const { dataDir } = loadConfig();
  const target = loadEventStoreConfig({ ...process.env, EVENT_STORE: 'eventstoredb' });
  if (target.kind !== 'eventstoredb') return 2;
  const sourcePath = join(dataDir, 'events.db');
  if (!existsSync(sourcePath)) {
    console.error(`Nothing to migrate: ${sourcePath} does not exist (DATA_DIR=${dataDir})`);
    return 2;
  }
  const where = describeConnection(target.connectionString);
  const source = new SqliteEventStore(sourcePath, { pollIntervalMs: 60_000 });
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: leave now; a rerun will continue
    console.error('\nStopping after the current append… (Ctrl-C again to leave at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const store = await connectEventStoreDb({
    connectionString: target.connectionString,
    namespace: target.namespace,
    deadlineMs: target.deadlineMs,
    startup: target.startup,
    log: (line) => console.error(line),
  }).catch(async (error: unknown) => {
    await source.close();
    throw error;
  });
  console.error(`Migrating ${sourcePath} → EventStoreDB at ${where}`);
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
  console.log(`Migrated ${report.done} events to EventStoreDB at ${where} in ${seconds} s (${counts}).`);
  console.log('Next: start the API with EVENT_STORE=eventstoredb and the same EVENTSTORE_CONNECTION_STRING.');
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const hint = error instanceof MigrationConflictError ? ' (the target holds other events for this stream; nothing was written to it)' : '';
    console.error(`\nmigrate failed: ${error instanceof Error ? error.message : String(error)}${hint}`);
    process.exit(1);
  });
