import { parentPort } from 'node:worker_threads';
import { draftReport, type DraftOptions } from './draft-report';
import { IntakeError } from './intake.errors';

/** One draft at a time, off the server's event loop (see DraftPool); pdf.js stays loaded between jobs. */
parentPort?.on('message', async (job: { bytes: Uint8Array; options: DraftOptions }) => {
  try {
    parentPort!.postMessage({ ok: true, draft: await draftReport(job.bytes, job.options) });
  } catch (error) {
    const code = error instanceof IntakeError ? error.code : null;
    parentPort!.postMessage({ ok: false, code, message: error instanceof Error ? error.message : String(error) });
  }
});
