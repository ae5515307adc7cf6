import { corpusPdfs, draftOrRefusal } from '../../test-corpus/corpus-run';
import { canonical, checks, score } from '../../test-corpus/corpus-score';
import { CORPUS } from '../../test-corpus/report-corpus';
import type { ReportDraft } from './report-draft.types';

/** The generated corpus (report-corpus.ts), each PDF drafted and compared with what it states, field by field. */
describe('draftReport on the generated corpus', () => {
  let drafted: Array<{ entry: (typeof CORPUS)[number]; bytes: Uint8Array; outcome: ReportDraft | { error: string } }>;
  beforeAll(async () => {
    const pdfs = await corpusPdfs();
    drafted = [];
    for (const p of pdfs) drafted.push({ ...p, outcome: await draftOrRefusal(p.bytes) });
  }, 60_000);

  it('has at least 15 PDFs, among them a bridge letter, an image-only scan and a non-SOC document', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(15);
    expect(CORPUS.map((e) => e.name)).toEqual(expect.arrayContaining(['bridge-letter', 'scanned-image-only', 'penetration-test-summary']));
  });

  it.each(CORPUS.map((e) => e.name))('%s: every field as the report states it', (name) => {
    const d = drafted.find((x) => x.entry.name === name)!;
    const wrong = checks(d.entry, d.outcome).filter((c) => canonical(c.expected) !== canonical(c.proposed));
    expect(wrong).toEqual([]);
  });

  it('gives each proposed field a page within the document, a quote and a confidence, and each missing field a reason', () => {
    for (const { outcome } of drafted) {
      if ('error' in outcome) continue;
      for (const f of [...outcome.fields, ...outcome.exceptions.flatMap((e) => e.fields)]) {
        if (f.value === null) expect({ name: f.name, reason: typeof f.missingReason }).toEqual({ name: f.name, reason: 'string' });
        else {
          expect(f.page).toBeGreaterThanOrEqual(1);
          expect(f.page).toBeLessThanOrEqual(outcome.pages);
          expect(f.quote?.length).toBeGreaterThan(0);
          expect(f.confidence).toBeGreaterThan(0);
        }
      }
    }
  });

  it('reads a tests-of-controls table across pages (its header repeated on each)', () => {
    const long = drafted.find((d) => d.entry.name === 'soc2-type2-long-table-sentences')!.outcome as ReportDraft;
    const tested = long.fields.find((f) => f.name === 'controlsTested')!;
    expect((tested.value as string[]).length).toBe(46);
    expect(long.exceptions[long.exceptions.length - 1]!.page).toBeGreaterThan(tested.page! + 1);
  });

  it('is deterministic: the same bytes give the same draft', async () => {
    const first = drafted.find((d) => !('error' in d.outcome))!;
    expect(await draftOrRefusal(first.bytes)).toEqual(first.outcome);
  });

  it('meets the corpus targets: precision ≥ 0.99, recall ≥ 0.95', () => {
    const s = score(drafted);
    expect({ precision: s.precision >= 0.99, recall: s.recall >= 0.95 }).toEqual({ precision: true, recall: true });
  });
});

describe('draftReport refusals', () => {
  it('answers bytes that are not a PDF with UNREADABLE_DOCUMENT, not a draft', async () => {
    expect(await draftOrRefusal(new TextEncoder().encode('SOC 2 Type 2 report, honestly'))).toEqual({ error: 'UNREADABLE_DOCUMENT' });
  });
});
