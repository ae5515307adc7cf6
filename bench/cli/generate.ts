import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { OversightCommandHandler } from '../../libs/oversight/src/application/handle-command';
import { StreamSnapshotCache } from '../../libs/oversight/src/snapshots/stream-snapshot-cache';
import { planPortfolio } from '../generator/portfolio-plan';
import { PlannedClock, recordPortfolio } from '../generator/record-portfolio';
import { projectReadModel } from '../harness/project-read-model';
import { intArg, parseArgs } from './args';

const USAGE = `npm run generate -- --organizations N --years Y [--seed S] [--data-dir D] [--tenant T]
  [--heavy K] [--concurrency C] [--end YYYY-MM-DD] [--no-project]

Records a realistic portfolio through the command path (OversightCommandHandler in this process,
on the SQLite store in DATA_DIR: the same code a GraphQL mutation runs, without HTTP, for speed).
Same seed and --end: the same events. --end defaults to today (printed, to reproduce it).`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return void console.log(USAGE);
  const args = parseArgs(argv, ['organizations', 'years', 'seed', 'data-dir', 'tenant', 'heavy', 'concurrency', 'end'], ['no-project']);
  const organizations = intArg(args, 'organizations', 100);
  const years = intArg(args, 'years', 5);
  const seed = intArg(args, 'seed', 1);
  const dataDir = resolve(args.get('data-dir') ?? process.env.DATA_DIR ?? './data');
  const tenantId = args.get('tenant') ?? 'default';
  const endDay = args.get('end') ?? new Date().toISOString().slice(0, 10);
  const end = Date.parse(`${endDay}T00:00:00.000Z`) - 1;
  if (Number.isNaN(end) || years < 1 || organizations < 1) throw new Error(USAGE);
  mkdirSync(dataDir, { recursive: true });
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const clock = new PlannedClock();
  const handler = new OversightCommandHandler(store, clock, 8, new StreamSnapshotCache(organizations + 16));
  process.stderr.write(`generate: ${organizations} organizations, ${years} years, seed ${seed}, end ${endDay}, into ${dataDir}\n`);
  const started = performance.now();
  let lastDraw = 0;
  const report = await recordPortfolio(planPortfolio({ seed, organizations, years, end, heavy: intArg(args, 'heavy', 0) }), {
    handler,
    clock,
    tenantId,
    seed,
    concurrency: intArg(args, 'concurrency', 64),
    onProgress: (done) => {
      const now = performance.now();
      if (now - lastDraw < 1000) return;
      lastDraw = now;
      const rate = Math.round(done.events / ((now - started) / 1000));
      process.stderr.write(`generate: ${done.commands} commands, ${done.events} events, ${rate} events/s\n`);
    },
    onRejected: (c, error) => process.stderr.write(`generate: ${c.command.type} on ${c.organizationId} refused: ${String(error)}\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `generate: recorded ${report.commands} commands, ${report.events} events in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.events / seconds)} events/s; ${report.replayed} already there, ${report.rejected} refused)\n`,
  );
  if (!args.has('no-project')) {
    const projected = await projectReadModel(store, dataDir, {
      onProgress: (applied, head) => process.stderr.write(`project: ${applied}/${head} events\n`),
    });
    process.stderr.write(`project: read models built in ${projected.seconds.toFixed(1)} s (${Math.round(Number(projected.head) / projected.seconds)} events/s)\n`);
  }
  await store.close();
  console.log(JSON.stringify({ organizations, years, seed, end: endDay, dataDir, ...report, seconds: Number(seconds.toFixed(2)) }));
  if (report.rejected > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
