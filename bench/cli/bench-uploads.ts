import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownTable } from '../harness/report';
import { uploadScenarios } from '../scenarios/uploads';

/** `node dist/bench/cli/bench-uploads.js [MiB]`: only the upload scenario (default 200 MiB). */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-uploads-'));
  try {
    console.log(markdownTable(await uploadScenarios(dir, Number(process.argv[2] ?? 200))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
