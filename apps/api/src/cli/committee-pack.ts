import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { committeePackPdf } from '../export/committee-pack.pdf';
import { fetchCommitteePack } from '../export/committee-pack.model';
import { endOfDay } from './export-portfolio';
import { GraphQLClient } from './graphql-client';

/**
 * `npm run committee-pack -- --as-of D [--known-at D] [--out FILE]`: the risk committee's PDF,
 * from the running API (API_URL, API_TOKEN). knownAt defaults to now and is printed in the
 * reproducing command, so running that command again gives the same pack.
 */
export function parseArgs(argv: string[], now: Date): { asOf: string; knownAt: string; out: string } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key?.startsWith('--') || argv[i + 1] === undefined) throw new Error(`Unexpected argument ${key ?? ''}`);
    args.set(key.slice(2), argv[i + 1]!);
  }
  const unknown = [...args.keys()].filter((k) => !['as-of', 'known-at', 'out'].includes(k));
  const asOfArg = args.get('as-of');
  if (!asOfArg || unknown.length) throw new Error('Usage: npm run committee-pack -- --as-of D [--known-at D] [--out FILE]');
  const asOf = new Date(endOfDay(asOfArg)).toISOString();
  const knownAt = new Date(args.has('known-at') ? endOfDay(args.get('known-at')!) : now.toISOString()).toISOString();
  return { asOf, knownAt, out: args.get('out') ?? `committee-pack-${asOf.slice(0, 10)}.pdf` };
}

async function main(): Promise<void> {
  const { asOf, knownAt, out } = parseArgs(process.argv.slice(2), new Date());
  const data = await fetchCommitteePack(new GraphQLClient(), asOf, knownAt);
  const command = `npm run committee-pack -- --as-of ${asOf} --known-at ${knownAt}`;
  const file = resolve(out);
  writeFileSync(file, await committeePackPdf(data, command));
  console.log(`Committee pack as of ${asOf} (known at ${knownAt}): ${data.organizations.length} organizations, ${data.head ? `ledger head #${data.head.sequence} at position ${data.head.treeSize}` : 'no signed ledger head yet'}`);
  console.log(`  ${file}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`committee-pack failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
