'use strict';
/**
 * `npm run test:coverage`: coverage of the tests *and* of the server the e2e tests start. jest
 * measures its own processes (coverage/jest/coverage-final.json, V8 provider); each e2e server
 * writes V8 coverage into coverage/server (NODE_V8_COVERAGE, see test/support/api-server.ts), which is
 * mapped back to the TypeScript sources through dist's source maps. The two are merged line by
 * line (both come from V8 through v8-to-istanbul, but from differently compiled code, so only
 * lines compare) and printed per area; the merged figures go to coverage/merged-lines.json.
 *
 *   node scripts/coverage-report.js --run   # jest --coverage with the servers measured, then this
 *   node scripts/coverage-report.js         # report on what the last run left in coverage/
 */
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative, resolve, sep } = require('node:path');
const { spawnSync } = require('node:child_process');
const { fileURLToPath } = require('node:url');
const libCoverage = require('istanbul-lib-coverage');
const v8toIstanbul = require('v8-to-istanbul');

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'coverage');
const JEST_DIR = join(OUT, 'jest'); // jest empties its own directory when it starts
const SERVER_DIR = join(OUT, 'server');
const MEASURED = [join(ROOT, 'dist', 'apps', 'api') + sep, join(ROOT, 'dist', 'libs') + sep];
const AREAS = ['apps/api', 'libs/event-store', 'libs/oversight'];

/** The e2e servers' V8 coverage, as istanbul coverage of the TypeScript sources. */
async function serverCoverage() {
  const map = libCoverage.createCoverageMap({});
  if (!existsSync(SERVER_DIR)) return map;
  for (const file of readdirSync(SERVER_DIR).filter((f) => f.endsWith('.json'))) {
    const { result } = JSON.parse(readFileSync(join(SERVER_DIR, file), 'utf8'));
    for (const script of result) {
      if (!script.url.startsWith('file://')) continue;
      const path = fileURLToPath(script.url);
      if (!MEASURED.some((dir) => path.startsWith(dir)) || !existsSync(`${path}.map`)) continue;
      const converter = v8toIstanbul(path, 0);
      await converter.load();
      converter.applyCoverage(script.functions);
      map.merge(converter.toIstanbul());
    }
  }
  return map;
}

/** file → line → hits, summed over the maps. */
function lineHits(...maps) {
  const files = new Map();
  for (const map of maps) {
    for (const file of map.files()) {
      const lines = files.get(file) ?? new Map();
      for (const [line, hits] of Object.entries(map.fileCoverageFor(file).getLineCoverage())) {
        lines.set(line, (lines.get(line) ?? 0) + hits);
      }
      files.set(file, lines);
    }
  }
  return files;
}

function summarize(files) {
  const rows = {};
  for (const [file, lines] of files) {
    const rel = relative(ROOT, file).split(sep).join('/');
    const area = AREAS.find((a) => rel.startsWith(`${a}/`));
    if (!area) continue;
    for (const key of [area, 'all']) {
      const row = (rows[key] ??= { files: 0, touched: 0, lines: 0, covered: 0 });
      const covered = [...lines.values()].filter((h) => h > 0).length;
      row.files++;
      row.touched += covered > 0 ? 1 : 0;
      row.lines += lines.size;
      row.covered += covered;
    }
  }
  return rows;
}

function print(title, rows) {
  console.log(`\n${title}`);
  for (const [area, r] of Object.entries(rows)) {
    const pct = r.lines ? ((100 * r.covered) / r.lines).toFixed(1) : '0.0';
    console.log(`  ${area.padEnd(18)} ${String(r.touched).padStart(4)}/${String(r.files).padEnd(4)} files run  ${pct.padStart(5)} % of ${r.lines} lines`);
  }
}

async function report() {
  const jestFile = join(JEST_DIR, 'coverage-final.json');
  if (!existsSync(jestFile)) throw new Error(`${jestFile} is missing: run "npm run test:coverage"`);
  const tests = libCoverage.createCoverageMap(JSON.parse(readFileSync(jestFile, 'utf8')));
  const server = await serverCoverage();
  const inProcess = summarize(lineHits(tests));
  const merged = summarize(lineHits(tests, server));
  print('Line coverage of the test processes alone (what jest --coverage sees):', inProcess);
  print('Line coverage with the e2e servers merged in (what the tests exercise):', merged);
  writeFileSync(join(OUT, 'merged-lines.json'), JSON.stringify({ inProcess, merged }, null, 2) + '\n');
}

function run() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(SERVER_DIR, { recursive: true });
  const args = [...process.argv.slice(3), '--coverage', `--coverageDirectory=${JEST_DIR}`, '--coverageReporters=json'];
  const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, E2E_COVERAGE_DIR: SERVER_DIR },
  });
  return jest.status ?? 1;
}

const status = process.argv[2] === '--run' ? run() : 0;
report().then(
  () => process.exit(status),
  (error) => {
    console.error(`coverage-report: ${error.message}`);
    process.exit(1);
  },
);
