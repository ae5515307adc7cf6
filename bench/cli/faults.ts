import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../libs/oversight/src/application/clock';
import { compareWithRebuild } from '../faults/compare-read-models';
import { conflictScenario } from '../faults/conflicts';
import { runFaultCycles } from '../faults/fault-cycles';
import { PostgresFaultStore } from '../faults/postgres-fault-store';
import { outageHeld } from '../faults/store-outage';
import { eventsOf, verifyStore } from '../faults/verify-store';
import { Random } from '../generator/random';
import { ServerProcess } from '../harness/server-process';
import { intArg, parseArgs } from './args';

/**
 * `npm run faults [-- --quick] [--cycles N] [--seed S] [--keep] [--store sqlite|postgres]`: the real
 * server on a temporary store, killed with SIGKILL at random moments under write load (with
 * `--store postgres`, every 4th cycle crashes PostgreSQL instead: commands must fail fast with
 * SERVICE_UNAVAILABLE and /health go 503 then 200), restarted, every unacknowledged
 * command retried with its commandId; then the store and the read models are checked. The last
 * line is the verdict; the exit code is non-zero unless nothing was lost or duplicated and the
 * read models equal a rebuild.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['cycles', 'seed', 'concurrency', 'organizations', 'store'], ['quick', 'keep']);
  const storeKind = args.get('store') ?? 'sqlite';
  if (storeKind !== 'sqlite' && storeKind !== 'postgres') throw new Error(`--store must be sqlite or postgres, got ${storeKind}`);
  const quick = args.has('quick');
  const cycles = Math.max(20, intArg(args, 'cycles', quick ? 20 : 50));
  const seed = intArg(args, 'seed', Date.now() % 100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'oversight-faults-'));
  const log = (line: string) => process.stderr.write(`faults: ${line}\n`);
  log(`seed ${seed}, ${cycles} cycles, store ${storeKind}, data in ${dataDir}`);
  // PostgreSQL mode: a throwaway cluster; every 4th cycle crashes it (pg_ctl stop -m immediate) instead of the API.
  const pg = storeKind === 'postgres' ? await PostgresFaultStore.start() : null;
  const server = new ServerProcess({ dataDir, readyTimeoutMs: 120_000, env: pg?.serverEnv, positions: pg?.positions });
  const eventsPath = join(dataDir, 'events.db');
  let ok = false;
  try {
    const ledger = await runFaultCycles(server, {
      cycles,
      organizations: intArg(args, 'organizations', 3),
      concurrency: intArg(args, 'concurrency', 16),
      random: new Random(seed),
      log,
      storeOutage: pg ? { every: 4, crash: () => pg.cluster.crash(), restart: () => pg.cluster.startServer() } : undefined,
    });
    const conflicts = await conflictScenario(server, pg?.streamCommands ?? (async (streamId) => eventsOf(eventsPath, streamId)), 'default');
    for (const line of conflicts.detail) log(`conflicts ${line}`);
    log(`conflicts: without expectedRevision ${conflicts.without ? 'no lost update' : 'FAILED'}; with expectedRevision ${conflicts.withExpected ? 'exactly one winner' : 'FAILED'}`);
    await server.ready(60_000);
    await server.stop('SIGTERM');
    const store = pg ? await pg.verify(ledger.acknowledged) : verifyStore(eventsPath, ledger.acknowledged);
    if (store.gaps.length > 0) log(`streams with non-contiguous revisions: ${store.gaps.join(', ')}`);
    for (const id of [...store.lost, ...store.duplicated].slice(0, 10)) log(`not exactly once: ${id}`);
    const readModels = await compareWithRebuild(dataDir, systemClock, pg ? () => pg.open() : undefined);
    const outagesHeld = ledger.outages.every(outageHeld);
    for (const t of readModels.tables) log(`read model ${t.table}: ${t.live} rows live, ${t.rebuilt} rebuilt, ${t.equal ? 'equal' : 'DIFFERENT'}`);
    ok = store.lost.length === 0 && store.duplicated.length === 0 && store.gaps.length === 0 && readModels.consistent && conflicts.without && conflicts.withExpected && outagesHeld;
    console.log(
      `faults: cycles=${ledger.cycles} commands=${ledger.commands.size} acknowledged=${ledger.acknowledged.size} ` +
        `lost=${store.lost.length} duplicated=${store.duplicated.length} projections=${readModels.consistent ? 'consistent' : 'inconsistent'}` +
        (pg ? ` store=postgres outages=${ledger.outages.length} ${outagesHeld ? 'held' : 'FAILED'}` : ''),
    );
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    log(`server log: ${server.logTail()}`);
    console.log('faults: cycles=0 commands=0 acknowledged=0 lost=0 duplicated=0 projections=inconsistent');
  } finally {
    await server.stop('SIGKILL');
    await pg?.dispose();
    if (!args.has('keep')) rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
  // Leave even if a handle lingers (a keep-alive socket, a pool closing): CI must not hang on it.
  setTimeout(() => process.exit(), 2000).unref();
}

void main();
