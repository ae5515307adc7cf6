import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packDocumentFile } from '../../../../libs/oversight/src/ledger/evidence-pack-documents';
import type { EvidencePack } from '../../../../libs/oversight/src/ledger/evidence-pack';
import { GraphQLClient } from './graphql-client';

/**
 * `npm run export -- --organization <id> [--from D] [--to D] --out <file>`: asks the running API
 * (API_URL, API_TOKEN) for an organization's evidence pack and writes it as <file> (JSON) and the
 * timeline beside it as CSV. `--since-tree-size N`: include a consistency proof from the signed
 * head of size N you kept (an earlier pack's ledger.treeHead). D is a day (2026-12-31) or an instant; a day `--to` means its end.
 * `--with-documents` also downloads every attached document into <file>.documents/ (named by SHA-256).
 */
export function parseArgs(all: string[]): {
  organization: string;
  from: string | null;
  to: string | null;
  out: string;
  sinceTreeSize: number | null;
  withDocuments: boolean;
} {
  const withDocuments = all.includes('--with-documents');
  const argv = all.filter((a) => a !== '--with-documents');
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key?.startsWith('--') || argv[i + 1] === undefined) throw new Error(`Unexpected argument ${key ?? ''}`);
    args.set(key.slice(2), argv[i + 1]!);
  }
  const organization = args.get('organization');
  const out = args.get('out');
  if (!organization || !out) throw new Error('Usage: npm run export -- --organization <id> [--from D] [--to D] [--since-tree-size N] [--with-documents] --out <file>');
  const since = args.get('since-tree-size');
  if (since !== undefined && !/^\d+$/.test(since)) throw new Error(`--since-tree-size must be a tree size, got ${since}`);
  return { organization, out, withDocuments, from: instant(args.get('from'), 'T00:00:00.000Z'), to: instant(args.get('to'), 'T23:59:59.999Z'), sinceTreeSize: since === undefined ? null : Number(since) };
}

function instant(value: string | undefined, dayTime: string): string | null {
  if (value === undefined) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value + dayTime : value;
  if (Number.isNaN(Date.parse(text))) throw new Error(`Not a day or an instant: ${value}`);
  return text;
}

export function documentsDirFor(out: string): string {
  return out.endsWith('.json') ? `${out.slice(0, -'.json'.length)}.documents` : `${out}.documents`;
}

export function csvPathFor(out: string): string {
  return out.endsWith('.json') ? `${out.slice(0, -'.json'.length)}.csv` : `${out}.csv`;
}

async function main(): Promise<void> {
  const { organization, from, to, out, sinceTreeSize, withDocuments } = parseArgs(process.argv.slice(2));
  const client = new GraphQLClient();
  const { evidencePack: pack } = await client.request<{ evidencePack: EvidencePack }>(
    'query($id: ID!, $from: DateTime, $to: DateTime, $since: Int) { evidencePack(organizationId: $id, from: $from, to: $to, sinceTreeSize: $since) }',
    { id: organization, from, to, since: sinceTreeSize },
  );
  const file = resolve(out);
  writeFileSync(file, JSON.stringify(pack, null, 2) + '\n');
  writeFileSync(csvPathFor(file), pack.csv);
  if (withDocuments) {
    const dir = documentsDirFor(file);
    mkdirSync(dir, { recursive: true });
    for (const d of pack.documents ?? []) writeFileSync(join(dir, packDocumentFile(d)), await client.download(`/documents/${d.documentId}`));
    console.log(`  ${dir}/ (${(pack.documents ?? []).length} documents)`);
  }
  const inRange = pack.events.filter((e) => e.inRange).length;
  const head = pack.ledger.treeHead;
  console.log(`Evidence pack for ${organization}: ${pack.events.length} events (${inRange} in range), sealed in signed tree head #${head.sequence} (${head.treeSize} events in the log) and signed at export`);
  console.log(`  ${file}`);
  console.log(`  ${csvPathFor(file)}`);
  console.log(`Signing key fingerprint: ${pack.ledger.keyFingerprint}`);
  console.log(`Verify it offline: npm run verify-pack -- ${out} --key-fingerprint ${pack.ledger.keyFingerprint}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
