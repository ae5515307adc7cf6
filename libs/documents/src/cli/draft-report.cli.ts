import { readFileSync } from 'node:fs';
import { draftReport } from '../intake/draft-report';
import { IntakeError } from '../intake/intake.errors';

/**
 * `npm run draft-report -- FILE.pdf`: prints the intake draft as JSON (the shape the future
 * `reportDraft` query answers). A refusal prints `{ "error": { code, message } }` and exits 2.
 */
async function main(argv: readonly string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length !== 1) {
    process.stderr.write('usage: npm run draft-report -- FILE.pdf\n');
    return 64;
  }
  try {
    const draft = await draftReport(new Uint8Array(readFileSync(file)));
    process.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof IntakeError)) throw error;
    process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`draft-report failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
