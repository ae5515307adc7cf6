import { draftReport } from '../src/intake/draft-report';
import { IntakeError } from '../src/intake/intake.errors';
import type { ReportDraft } from '../src/intake/report-draft.types';
import { CORPUS, corpusPdf, type CorpusEntry } from './report-corpus';

export interface CorpusOutcome {
  entry: CorpusEntry;
  bytes: Uint8Array;
  outcome: ReportDraft | { error: string };
}

/** A draft, or the refusal's code: what a client would see. */
export async function draftOrRefusal(bytes: Uint8Array): Promise<ReportDraft | { error: string }> {
  try {
    return await draftReport(bytes);
  } catch (error) {
    if (error instanceof IntakeError) return { error: error.code };
    throw error;
  }
}

export async function corpusPdfs(): Promise<Array<{ entry: CorpusEntry; bytes: Uint8Array }>> {
  return Promise.all(CORPUS.map(async (entry) => ({ entry, bytes: await corpusPdf(entry) })));
}
