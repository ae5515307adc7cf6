import { GraphQLClient } from './graphql-client';

interface RebuildStatus {
  state: 'IDLE' | 'RUNNING' | 'SWAPPING' | 'COMPLETED' | 'FAILED';
  processed: number;
  total: number;
  eventsPerSecond: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

const FIELDS = 'state processed total eventsPerSecond startedAt finishedAt error';

/**
 * `npm run rebuild-projections`: asks the running API (API_URL, API_TOKEN: an operator token,
 * `npm run token -- --role admin --operator yes`; rebuilding every tenant's read models is no tenant's call) to
 * rebuild every read model from position zero, and follows it with a progress bar on stderr.
 * The API keeps answering from the old read model until the new one has caught up, then swaps.
 */
async function main(): Promise<void> {
  const client = new GraphQLClient(undefined, undefined, { operator: true });
  const { rebuildReadModels: started } = await client.request<{ rebuildReadModels: RebuildStatus }>(`mutation { rebuildReadModels { ${FIELDS} } }`);
  let status = started;
  while (status.state === 'RUNNING' || status.state === 'SWAPPING') {
    process.stderr.write(`\r${bar(status)}`);
    await new Promise((r) => setTimeout(r, 200));
    ({ readModelRebuild: status } = await client.request<{ readModelRebuild: RebuildStatus }>(`{ readModelRebuild { ${FIELDS} } }`));
    if (status.startedAt !== started.startedAt) throw new Error('Another rebuild replaced this one');
  }
  process.stderr.write(`\r${bar(status)}\n`);
  if (status.state !== 'COMPLETED') throw new Error(`rebuild ${status.state}: ${status.error ?? 'unknown error'}`);
  const seconds = (Date.parse(status.finishedAt!) - Date.parse(status.startedAt!)) / 1000;
  console.log(`Rebuilt every read model from ${status.processed} events in ${seconds.toFixed(2)} s (${status.eventsPerSecond} events/s); the API now answers from it.`);
}

function bar(s: RebuildStatus): string {
  const ratio = s.state === 'COMPLETED' ? 1 : s.total > 0 ? Math.min(1, s.processed / s.total) : 0;
  const width = 30;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${s.processed}/${s.total} events, ${s.eventsPerSecond} events/s ${s.state}   `;
}

main().catch((error) => {
  console.error(`\nrebuild-projections failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
