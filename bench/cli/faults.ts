import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../libs/oversight/src/application/clock';
import { compareWithRebuild } from '../faults/compare-read-models';
import { conflictScenario } from '../faults/conflicts';
import { runFaultCycles } from '../faults/fault-cycles';
import { verifyStore } from '../faults/verify-store';
import { Random } from '../generator/random';
import { ServerProcess } from '../harness/server-process';
import { intArg, parseArgs } from './args';

/**
 * `npm run faults [-- --quick] [--cycles N] [--seed S] [--keep]`: the real server on a temporary
 * store, killed with SIGKILL at random moments under write load, restarted, every unacknowledged
 * command retried with its commandId; then the store and the read models are checked. The last
 * line is the verdict; the exit code is non-zero unless nothing was lost or duplicated and the
 * read models equal a rebuild.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['cycles', 'seed', 'concurrency', 'organizations'], ['quick', 'keep']);
  const quick = args.has('quick');
  const cycles = Math.max(20, intArg(args, 'cycles', quick ? 20 : 50));
  const seed = intArg(args, 'seed', Date.now() % 100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'oversight-faults-'));
  const log = (line: string) => process.stderr.write(`faults: ${line}\n`);
  log(`seed ${seed}, ${cycles} cycles, data in ${dataDir}`);
  const server = new ServerProcess({ dataDir, readyTimeoutMs: 120_000 });
  let ok = false;
  try {
    const ledger = await runFaultCycles(server, {
      cycles,
      organizations: intArg(args, 'organizations', 3),
      concurrency: intArg(args, 'concurrency', 16),
      random: new Random(seed),
      log,
    });
    const conflicts = await conflictScenario(server, join(dataDir, 'events.db'), 'default');
    for (const line of conflicts.detail) log(`conflicts ${line}`);
    log(`conflicts: without expectedRevision ${conflicts.without ? 'no lost update' : 'FAILED'}; with expectedRevision ${conflicts.withExpected ? 'exactly one winner' : 'FAILED'}`);
    await server.ready(60_000);
    await server.stop('SIGTERM');
    const store = verifyStore(join(dataDir, 'events.db'), ledger.acknowledged);
    if (store.gaps.length > 0) log(`streams with non-contiguous revisions: ${store.gaps.join(', ')}`);
    for (const id of [...store.lost, ...store.duplicated].slice(0, 10)) log(`not exactly once: ${id}`);
    const readModels = await compareWithRebuild(dataDir, systemClock);
    for (const t of readModels.tables) log(`read model ${t.table}: ${t.live} rows live, ${t.rebuilt} rebuilt, ${t.equal ? 'equal' : 'DIFFERENT'}`);
    ok = store.lost.length === 0 && store.duplicated.length === 0 && store.gaps.length === 0 && readModels.consistent && conflicts.without && conflicts.withExpected;
    console.log(
      `faults: cycles=${ledger.cycles} commands=${ledger.commands.size} acknowledged=${ledger.acknowledged.size} ` +
        `lost=${store.lost.length} duplicated=${store.duplicated.length} projections=${readModels.consistent ? 'consistent' : 'inconsistent'}`,
    );
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    log(`server log: ${server.logTail()}`);
    console.log('faults: cycles=0 commands=0 acknowledged=0 lost=0 duplicated=0 projections=inconsistent');
  } finally {
    await server.stop('SIGKILL');
    if (!args.has('keep')) rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

void main();
