import type { DraftValue, ReportDraft } from '../src/intake/report-draft.types';
import type { CorpusEntry } from './report-corpus';

export interface FieldCheck {
  field: string;
  expected: DraftValue;
  proposed: DraftValue;
}
export interface Score {
  /** Proposed values that are right (a value proposed where the report states none is wrong). */
  precision: number;
  /** Values the report states that were proposed right. */
  recall: number;
  proposed: number;
  stated: number;
  correct: number;
  mismatches: Array<FieldCheck & { entry: string }>;
}

/** Key order does not matter; array order does (reports list things in an order). */
export function canonical(v: DraftValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Every field of the draft against the entry's expectation, exceptions included (one per control ref). */
export function checks(entry: CorpusEntry, outcome: ReportDraft | { error: string }): FieldCheck[] {
  const expected = entry.expected;
  if ('error' in expected || 'error' in outcome) {
    return [{ field: 'refusal', expected: 'error' in expected ? expected.error : null, proposed: 'error' in outcome ? outcome.error : null }];
  }
  const out: FieldCheck[] = Object.entries(expected.fields).map(([field, value]) => ({ field, expected: value, proposed: outcome.fields.find((f) => f.name === field)?.value ?? null }));
  const names = ['criteriaRef', 'description', 'deviations', 'sampleSize', 'managementResponse'] as const;
  const byRef = new Map(outcome.exceptions.map((e) => [e.fields.find((f) => f.name === 'controlRef')?.value as string, e]));
  for (const ex of expected.exceptions) {
    const draft = byRef.get(ex.controlRef);
    out.push({ field: `exception ${ex.controlRef}`, expected: true, proposed: draft !== undefined });
    for (const n of names) out.push({ field: `exception ${ex.controlRef}.${n}`, expected: ex[n], proposed: draft?.fields.find((f) => f.name === n)?.value ?? null });
  }
  for (const ref of byRef.keys()) if (!expected.exceptions.some((e) => e.controlRef === ref)) out.push({ field: `exception ${ref}`, expected: null, proposed: true });
  return out;
}

export function score(results: Array<{ entry: CorpusEntry; outcome: ReportDraft | { error: string } }>): Score {
  let proposed = 0;
  let stated = 0;
  let correct = 0;
  const mismatches: Score['mismatches'] = [];
  for (const { entry, outcome } of results) {
    for (const c of checks(entry, outcome)) {
      const right = canonical(c.expected) === canonical(c.proposed);
      if (c.proposed !== null) proposed++;
      if (c.expected !== null) stated++;
      if (right && c.proposed !== null) correct++;
      if (!right) mismatches.push({ entry: entry.name, ...c });
    }
  }
  return { precision: proposed === 0 ? 1 : correct / proposed, recall: stated === 0 ? 1 : correct / stated, proposed, stated, correct, mismatches };
}
