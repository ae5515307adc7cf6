import { randomUUID } from 'node:crypto';
import { connectPostgres } from './postgres-connection';

/**
 * A writer process for multi-process tests: WORKER_ID, ROUNDS rounds of CONCURRENCY appends at
 * once (1 to 3 events each, to a few shared streams with `any`, so appends to one stream from
 * several processes interleave). Prints one JSON line per acknowledged append, then "done".
 */
async function main(): Promise<void> {
  const env = process.env;
  const store = await connectPostgres({ connectionString: env['DATABASE_URL']!, schema: env['PG_SCHEMA'], poolSize: 8 });
  const worker = env['WORKER_ID'] ?? '0';
  const rounds = Number(env['ROUNDS'] ?? 20);
  const concurrency = Number(env['CONCURRENCY'] ?? 8);
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, slot) => {
        const size = 1 + ((round + slot) % 3);
        const events = Array.from({ length: size }, (_, n) => ({ eventId: randomUUID(), type: 'Written', data: { worker, round, slot, n }, metadata: {} }));
        const result = await store.appendToStream(`shared-${slot % 4}`, events);
        process.stdout.write(`${JSON.stringify({ ids: events.map((e) => e.eventId), position: String(result.position) })}\n`);
      }),
    );
  }
  await store.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
