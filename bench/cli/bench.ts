import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { ensureDataset, type Dataset } from '../harness/datasets';
import { markdownTable, writeResults, type ScalePoint } from '../harness/report';
import { atLeast, atMost, scaleLabel, type BenchRow } from '../harness/result';
import { ServerProcess } from '../harness/server-process';
import { appendScenarios } from '../scenarios/appends';
import { asOfMoments, asOfRows } from '../scenarios/as-of-rows';
import { emmettScenarios } from '../scenarios/emmett';
import { mutationScenario, readScenarios, type HttpMeasures, type HttpTiming } from '../scenarios/http';
import { intakeScenarios } from '../scenarios/intake';
import { queryLimitScenarios } from '../scenarios/query-limits';
import { rawReadRate, rebuildRate } from '../scenarios/rebuild';
import { uploadScenarios } from '../scenarios/uploads';
import { parseArgs } from './args';
import { median } from '../harness/stats';

/**
 * `npm run bench [-- --quick] [--end YYYY-MM-DD]`: every scenario side by side with its baseline
 * in one run, at two (quick) or three scales; results in bench/results/.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['end'], ['quick']);
  const quick = args.has('quick');
  const end = args.get('end') ?? new Date().toISOString().slice(0, 10);
  const root = resolve('bench', '.data');
  const tmp = mkdtempSync(join(tmpdir(), 'oversight-bench-'));
  const timing: HttpTiming = quick ? { warmupMs: 1000, durationMs: 3000, connections: 32 } : { warmupMs: 3000, durationMs: 10_000, connections: 32 };
  const scales = quick ? [{ organizations: 150, years: 2 }, { organizations: 150, years: 8 }] : [{ organizations: 100, years: 8 }, { organizations: 1000, years: 8 }, { organizations: 10_000, years: 8 }];
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    log('query limits against hostile documents');
    rows.push(...queryLimitScenarios());
    log('appends through the store port');
    rows.push(...(await appendScenarios(tmp, quick ? 3000 : 20_000)));
    log('report intake over the generated corpus');
    rows.push(...(await intakeScenarios(quick ? 2 : 5, notes)));
    log('Emmett comparison');
    rows.push(...(await emmettScenarios(tmp, quick ? 1000 : 3000, !quick)));
    const measured: Array<{ ds: Dataset; http: HttpMeasures }> = [];
    for (const [i, scale] of scales.entries()) {
      const ds = await ensureDataset(root, { ...scale, seed: 1, end });
      const label = scaleLabel(ds.events);
      log(`${label}: projection rebuild against a raw read`);
      rows.push(await rebuildRow(ds, label));
      log(`${label}: queries over HTTP`);
      const server = new ServerProcess({ dataDir: ds.dir });
      await server.start();
      try {
        measured.push({ ds, http: await readScenarios(server, sample(ds.ids, 500), timing) });
      } finally {
        await server.stop();
      }
      if (i === 0) rows.push(await mutationRow(ds, tmp, timing, end, label));
    }
    rows.push(...scaleRows(measured));
    log('document uploads: throughput and server memory');
    rows.push(...(await uploadScenarios(join(tmp, 'uploads'), quick ? 50 : 200)));
    log('state as of a date: snapshots against a full fold');
    const heavy = await ensureDataset(root, { organizations: 1, heavy: 1, years: quick ? 3 : 10, seed: 1, end });
    rows.push(...(await asOfRows(heavy, asOfMoments(end), quick ? 3 : 5, notes)));
    const run = {
      date: new Date().toISOString(),
      quick,
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load generator and server on the same cores`,
      rows,
      scales: measured.map(({ ds, http }) => point(ds, http)),
      notes,
    };
    const files = writeResults(resolve('bench', 'results'), run);
    console.log(markdownTable(rows));
    console.log(`\n${rows.filter((r) => r.met).length} of ${rows.length} targets met; ${files.md}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Raw read and rebuild, interleaved three times, medians compared (as for appends: drift is shared). */
async function rebuildRow(ds: Dataset, label: string): Promise<BenchRow> {
  const raw: number[] = [];
  const rebuilt: number[] = [];
  for (let i = 0; i < 3; i++) {
    const store = new SqliteEventStore(join(ds.dir, 'events.db'));
    const read = await rawReadRate(store);
    await store.close();
    raw.push(read.rate);
    rebuilt.push(read.events / (await rebuildRate(ds.dir)).seconds);
  }
  return atLeast('projection rebuild from zero', label, 'raw sequential read of the same events', 'events/s', median(rebuilt), median(raw), 0.25);
}

async function mutationRow(ds: Dataset, tmp: string, timing: HttpTiming, end: string, label: string): Promise<BenchRow> {
  // On a copy: mutations add events, and the cached data set must stay as generated.
  const copy = join(tmp, 'mutations');
  cpSync(ds.dir, copy, { recursive: true });
  const server = new ServerProcess({ dataDir: copy });
  await server.start();
  try {
    const { mutation, trivial } = await mutationScenario(server, sample(activeIds(ds), 500), timing, end);
    return atLeast('GraphQL mutation over HTTP, 32 connections, end to end', label, 'trivial query { serverTime } on the same server', 'req/s', mutation.rps, trivial.rps, 0.5);
  } finally {
    await server.stop();
  }
}

function scaleRows(measured: Array<{ ds: Dataset; http: HttpMeasures }>): BenchRow[] {
  const small = measured[0]!;
  const large = measured[measured.length - 1]!;
  const L = scaleLabel(large.ds.events);
  const vs = `the same at ${scaleLabel(small.ds.events)}`;
  const h = large.http;
  return [
    atLeast('organization(id) with assurance', L, 'trivial query { serverTime }', 'req/s', h.organization.rps, h.trivial.rps, 0.8),
    atMost('organization(id) with assurance, p99', L, 'trivial query { serverTime }, p99', 'ms', h.organization.p99Ms, h.trivial.p99Ms, 1.5),
    atMost('organization(id) with assurance, p50', L, vs, 'ms', h.organization.p50Ms, small.http.organization.p50Ms, 1.2),
    atMost('organization(id) with assurance, p99', L, vs, 'ms', h.organization.p99Ms, small.http.organization.p99Ms, 1.2),
    atMost('organizations filtered by status, first 50, p50', L, vs, 'ms', h.organizations.p50Ms, small.http.organizations.p50Ms, 1.5),
    atMost('resident memory of the server after warm-up', L, vs, 'MB', h.rssBytes / 2 ** 20, small.http.rssBytes / 2 ** 20, 1.5),
  ];
}

function point(ds: Dataset, h: HttpMeasures): ScalePoint {
  return {
    events: ds.events,
    trivialRps: Math.round(h.trivial.rps),
    organizationRps: Math.round(h.organization.rps),
    organizationP50: h.organization.p50Ms,
    organizationP99: h.organization.p99Ms,
    organizationsP50: h.organizations.p50Ms,
    rssMb: Math.round(h.rssBytes / 2 ** 20),
  };
}

/** Organizations that still accept facts (an offboarded one refuses them, by design). */
function activeIds(ds: Dataset): string[] {
  const db = new Database(join(ds.dir, 'read-models.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT organization_id AS id FROM organization_status WHERE status <> 'OFFBOARDED' ORDER BY 1`).all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

/** Up to `n` ids spread evenly over the list. */
function sample(ids: readonly string[], n: number): string[] {
  if (ids.length <= n) return [...ids];
  return Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]!);
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
