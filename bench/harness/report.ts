import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './result';
import { lineChart, type Series } from './svg-chart';

export interface ScalePoint {
  events: number;
  trivialRps: number;
  organizationRps: number;
  organizationP50: number;
  organizationP99: number;
  organizationsP50: number;
  rssMb: number;
}

export interface BenchRun {
  date: string;
  quick: boolean;
  machine: string;
  rows: BenchRow[];
  scales: ScalePoint[];
  notes: string[];
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| scenario | scale | baseline (same run) | value | baseline value | ratio | target | met |', '| --- | --- | --- | ---: | ---: | ---: | --- | --- |'];
  for (const r of rows) {
    lines.push(`| ${r.scenario} | ${r.scale} | ${r.baseline} | ${fmt(r.value)} ${r.unit} | ${fmt(r.baselineValue)} ${r.unit} | ${r.ratio}× | ${r.target} | ${r.met ? 'met' : '**not met**'} |`);
  }
  return lines.join('\n');
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : String(n);
}

/** bench/results/<date>.{json,md,svg} and latest.json. */
export function writeResults(dir: string, run: BenchRun): { json: string; md: string; svg: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = run.date.replace(/:/g, '-').replace(/\..*$/, '');
  const base = `${stamp}${run.quick ? '-quick' : ''}`;
  const json = join(dir, `${base}.json`);
  const md = join(dir, `${base}.md`);
  const svg = join(dir, `${base}.svg`);
  writeFileSync(json, JSON.stringify(run, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(run.rows, null, 2) + '\n');
  const x = run.scales.map((s) => s.events);
  const series: Series[] = [
    { name: 'serverTime rps', axis: 'left', values: run.scales.map((s) => s.trivialRps) },
    { name: 'organization(id) rps', axis: 'left', values: run.scales.map((s) => s.organizationRps) },
    { name: 'organization(id) p99 ms', axis: 'right', values: run.scales.map((s) => s.organizationP99) },
    { name: 'organizations p50 ms', axis: 'right', values: run.scales.map((s) => s.organizationsP50) },
    { name: 'server RSS MB', axis: 'right', values: run.scales.map((s) => s.rssMb) },
  ];
  writeFileSync(svg, lineChart(x, series, 'Throughput (left, requests/s) and latency/memory (right) against scale (events, log)'));
  const met = run.rows.filter((r) => r.met).length;
  writeFileSync(
    md,
    [
      `# Benchmark ${run.date}${run.quick ? ' (quick)' : ''}`,
      '',
      `${run.machine}. Every figure is a ratio against a baseline measured in the same run on the same machine. ${met} of ${run.rows.length} targets met.`,
      '',
      markdownTable(run.rows),
      '',
      `![throughput and latency against scale](${base}.svg)`,
      '',
      ...run.notes.map((n) => `- ${n}`),
      '',
    ].join('\n'),
  );
  return { json, md, svg };
}
