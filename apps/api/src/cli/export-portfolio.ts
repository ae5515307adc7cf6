import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLClient } from './graphql-client';

/**
 * `npm run export-portfolio -- [--format csv|xlsx] [--as-of D] [--known-at D] [--not-assured]
 * [--criticality CRITICAL,HIGH] [--out FILE]`: asks the running API (API_URL, API_TOKEN) for
 * `portfolioExport` and writes the file (default: the name the API suggests, in the current
 * directory). D is a day (2026-12-31, meaning its end) or an instant.
 */
export interface ExportPortfolioArgs {
  format: 'CSV' | 'XLSX';
  asOf: string | null;
  knownAt: string | null;
  filter: { notAssured?: boolean; criticality?: string[] };
  out: string | null;
}

const USAGE = 'Usage: npm run export-portfolio -- [--format csv|xlsx] [--as-of D] [--known-at D] [--not-assured] [--criticality LIST] [--out FILE]';

export function parseArgs(argv: string[]): ExportPortfolioArgs {
  const parsed: ExportPortfolioArgs = { format: 'CSV', asOf: null, knownAt: null, filter: {}, out: null };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (key === '--not-assured') {
      parsed.filter.notAssured = true;
      continue;
    }
    const value = argv[++i];
    if (!key.startsWith('--') || value === undefined) throw new Error(`Unexpected argument ${key}. ${USAGE}`);
    if (key === '--format') parsed.format = format(value);
    else if (key === '--as-of') parsed.asOf = endOfDay(value);
    else if (key === '--known-at') parsed.knownAt = endOfDay(value);
    else if (key === '--criticality') parsed.filter.criticality = value.split(',').map((c) => c.trim().toUpperCase());
    else if (key === '--out') parsed.out = value;
    else throw new Error(`Unknown option ${key}. ${USAGE}`);
  }
  return parsed;
}

function format(value: string): 'CSV' | 'XLSX' {
  const f = value.toUpperCase();
  if (f !== 'CSV' && f !== 'XLSX') throw new Error(`--format must be csv or xlsx, got ${value}`);
  return f;
}

/** A day means its last instant: "as of 31 December" includes what happened that day. */
export function endOfDay(value: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  if (Number.isNaN(Date.parse(text))) throw new Error(`Not a day or an instant: ${value}`);
  return text;
}

const QUERY = `query($format: ExportFormat!, $filter: OrganizationFilterInput, $asOf: DateTime, $knownAt: DateTime) {
  portfolioExport(format: $format, filter: $filter, asOf: $asOf, knownAt: $knownAt) { filename encoding content rowCount asOf knownAt }
}`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { portfolioExport: file } = await new GraphQLClient().request<{
    portfolioExport: { filename: string; encoding: 'UTF8' | 'BASE64'; content: string; rowCount: number; asOf: string; knownAt: string };
  }>(QUERY, { format: args.format, filter: args.filter, asOf: args.asOf, knownAt: args.knownAt });
  const path = resolve(args.out ?? file.filename);
  writeFileSync(path, file.encoding === 'BASE64' ? Buffer.from(file.content, 'base64') : file.content);
  console.log(`Portfolio export: ${file.rowCount} organizations as of ${file.asOf} (known at ${file.knownAt})`);
  console.log(`  ${path}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`export-portfolio failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
