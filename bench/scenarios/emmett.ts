import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { atLeast, type BenchRow } from '../harness/result';
import { sampleEvent } from './appends';

/** bench/emmett (source folder: the driver and package.json are not compiled). */
const EMMETT_DIR = join(__dirname, '..', '..', '..', 'bench', 'emmett');
const WRITERS = 32;

interface Measured {
  appendRate: number;
  readRate: number;
}

/** Installs the Emmett comparison in its own folder when missing (never in the product's dependencies). */
export function ensureEmmett(install: boolean): boolean {
  if (existsSync(join(EMMETT_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) return true;
  if (!install) return false;
  process.stderr.write('bench: installing the Emmett comparison in bench/emmett (npm install; compiles sqlite3)\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: EMMETT_DIR, stdio: 'inherit' });
  return true;
}

type EmmettResult = Measured & { retries: number; escaped: number };

function emmettOnce(file: string, count: number, readRounds: number): Promise<EmmettResult> {
  const spec = JSON.stringify({ file, writers: WRITERS, count, readRounds });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(EMMETT_DIR, 'emmett-driver.cjs'), spec], { cwd: EMMETT_DIR }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (error || line === undefined) return reject(new Error(`Emmett driver failed: ${stderr || stdout || String(error)}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as EmmettResult);
    });
  });
}

/** Seen here: Emmett 0.38.5 now and then dies on SQLITE_BUSY from its own COMMIT; a fresh file and another try. */
async function emmett(dir: string, count: number, readRounds: number): Promise<EmmettResult & { failedRuns: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await emmettOnce(join(dir, `emmett-${attempt}.db`), count, readRounds)), failedRuns: attempt - 1 };
    } catch (error) {
      if (attempt >= 3) throw error;
      process.stderr.write(`bench: Emmett run ${attempt} failed (${String(error).slice(0, 200)}); again on a fresh file\n`);
    }
  }
}

/** The same workload on our store: 32 clients appending single events, then every stream read back. */
async function ours(file: string, count: number, readRounds: number): Promise<Measured> {
  const store = new SqliteEventStore(file);
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let revision: bigint | 'no_stream' = 'no_stream';
      while (done < count) {
        const n = done++;
        revision = (await store.appendToStream(`organization-bench-${w}`, [sampleEvent(n)], { expectedRevision: revision })).nextExpectedRevision;
      }
    }),
  );
  const appendRate = done / ((performance.now() - started) / 1000);
  const readStarted = performance.now();
  let read = 0;
  for (let round = 0; round < readRounds; round++) {
    for (let w = 0; w < WRITERS; w++) read += (await store.readStream(`organization-bench-${w}`)).length;
  }
  const readRate = read / ((performance.now() - readStarted) / 1000);
  await store.close();
  return { appendRate, readRate };
}

export async function emmettScenarios(dir: string, count: number, install: boolean): Promise<BenchRow[]> {
  if (!ensureEmmett(install)) {
    process.stderr.write('bench: Emmett comparison skipped (not installed in bench/emmett; the full bench installs it)\n');
    return [];
  }
  const readRounds = 20;
  const theirs = await emmett(dir, count, readRounds);
  const mine = await ours(join(dir, 'ours-vs-emmett.db'), count, readRounds);
  const scale = `${count.toLocaleString('en-US')} appends, 32 clients`;
  const busy = theirs.retries + theirs.escaped;
  const note = busy + theirs.failedRuns > 0 ? ` (SQLITE_BUSY: ${busy} appends retried, ${theirs.failedRuns} runs failed)` : '';
  return [
    atLeast('appends (vs Emmett)', scale, `Emmett SQLite event store 0.38.5${note}`, 'events/s', mine.appendRate, theirs.appendRate, 2),
    atLeast('stream reads (vs Emmett)', `${WRITERS} streams × ${readRounds} reads`, 'Emmett SQLite event store 0.38.5', 'events/s', mine.readRate, theirs.readRate, 2),
  ];
}
