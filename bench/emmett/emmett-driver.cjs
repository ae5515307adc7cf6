// The Emmett side of the comparison, run by bench/scenarios/emmett.ts in its own process:
// node emmett-driver.cjs '{"file":"...","writers":32,"count":2000}' → JSON on stdout.
// Emmett's store opens and closes its connection around every call and shares it between
// calls, so concurrent calls on one instance close each other's connection: the 32 clients'
// appends go through one queue, as a server using it would have to run them.
const { getSQLiteEventStore } = require('@event-driven-io/emmett-sqlite');

// Seen here: Emmett 0.38.5 sometimes lets a SQLITE_BUSY from a COMMIT escape as an unhandled
// rejection; counted (and reported), not allowed to crash the comparison.
let escaped = 0;
process.on('unhandledRejection', () => {
  escaped++;
});

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const store = getSQLiteEventStore({ fileName: spec.file, schema: { autoMigration: 'CreateOrUpdate' } });
  const event = (n) => ({
    type: 'PhysicalEnvironmentalControlsValidated',
    data: { validationId: `val-${n}`, siteId: 'site-1', areas: ['PHYSICAL_ACCESS', 'CCTV', 'COOLING'], method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: '2026-11-01', notes: null },
    metadata: { tenantId: 'default', actor: { id: 'bench', role: 'ANALYST' }, commandId: `c-${n}` },
  });
  let queue = Promise.resolve();
  const serialized = (work) => (queue = queue.then(work, work));
  // Seen here: now and then SQLITE_BUSY "cannot commit transaction - SQL statements in progress"
  // from the store itself, even with calls serialized; such an append rolled back, so retry it.
  let retries = 0;
  const append = async (stream, events, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await store.appendToStream(stream, events, options);
      } catch (error) {
        if (!(error && error.code === 'SQLITE_BUSY') || attempt >= 10) throw error;
        retries++;
      }
    }
  };
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: spec.writers }, async (_, w) => {
      let version = 0n;
      while (done < spec.count) {
        const n = done++;
        const result = await serialized(() => append(`organization-bench-${w}`, [event(n)], { expectedStreamVersion: version }));
        version = result.nextExpectedStreamVersion;
      }
    }),
  );
  const appendSeconds = (performance.now() - started) / 1000;
  const readStarted = performance.now();
  let read = 0;
  for (let round = 0; round < spec.readRounds; round++) {
    for (let w = 0; w < spec.writers; w++) read += (await store.readStream(`organization-bench-${w}`)).events.length;
  }
  const readSeconds = (performance.now() - readStarted) / 1000;
  // On a line of its own, marked: Emmett or sqlite3 may print their own errors on stdout.
  process.stdout.write('\nRESULT ' + JSON.stringify({ appends: done, appendRate: done / appendSeconds, readEvents: read, readRate: read / readSeconds, retries, escaped }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
