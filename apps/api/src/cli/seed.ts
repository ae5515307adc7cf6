import { GraphQLClient } from './graphql-client';
import { SeedDates } from './seed-dates';
import { seedPortfolio } from './seed-portfolio';

/**
 * `npm run seed`: records a realistic demo portfolio through the running API's GraphQL
 * mutations (API_URL, API_TOKEN), never by writing rows. Re-running it is harmless: every
 * command carries a fixed commandId, so the API recognises what it already recorded.
 */
async function main(): Promise<void> {
  const client = new GraphQLClient();
  const { serverTime } = await client.request<{ serverTime: string }>('{ serverTime }');
  const dates = new SeedDates(serverTime);
  console.log(`Seeding ${client.url} as of ${dates.today} (fiscal year end ${dates.fiscalYearEnd})`);
  let recorded = 0;
  let known = 0;
  await seedPortfolio(dates, async (mutation, input) => {
    const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
    const data = await client.request<Record<string, { replayed: boolean }>>(
      `mutation($input: ${type}!) { ${mutation}(input: $input) { replayed } }`,
      { input },
    );
    if (data[mutation]!.replayed) known++;
    else recorded++;
  });
  const { organizations } = await client.request<{
    organizations: { edges: Array<{ node: { name: string; criticality: string; assurance: { status: string; flags: string[] } } }> };
  }>('{ organizations(first: 100) { edges { node { name criticality assurance { status flags } } } } }');
  console.log(`${recordedLine(recorded, known)} The portfolio now:`);
  for (const { node } of organizations.edges) {
    const flags = node.assurance.flags.length ? ` [${node.assurance.flags.join(', ')}]` : '';
    console.log(`  ${node.name.padEnd(28)} ${node.criticality.padEnd(9)} ${node.assurance.status}${flags}`);
  }
}

/** A rerun must say that it wrote nothing, not count the commands it resent. */
export function recordedLine(recorded: number, known: number): string {
  if (recorded === 0) return `Nothing new to record: all ${known} commands were recorded before.`;
  if (known === 0) return `Recorded ${recorded} commands.`;
  return `Recorded ${recorded} commands (${known} more were recorded before).`;
}

main().catch((error) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
