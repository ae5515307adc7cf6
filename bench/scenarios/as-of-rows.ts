import type { Moment } from '../../libs/oversight/src/replay/replay-event';
import type { Dataset } from '../harness/datasets';
import { atLeast, scaleLabel, type BenchRow } from '../harness/result';
import { asOfScenario } from './as-of';

const DAY = 86_400_000;

/** Questions an auditor asks: today as known today, a year ago as known today and as known then. */
export function asOfMoments(end: string): Moment[] {
  const e = Date.parse(`${end}T00:00:00.000Z`) - 1;
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    { asOf: iso(e), knownAt: iso(e) },
    { asOf: iso(e - 365 * DAY), knownAt: iso(e) },
    { asOf: iso(e - 365 * DAY), knownAt: iso(e - 300 * DAY) },
    { asOf: iso(e - 30 * DAY), knownAt: iso(e - 10 * DAY) },
  ];
}

export async function asOfRows(ds: Dataset, moments: Moment[], repeats: number, notes: string[] = []): Promise<BenchRow[]> {
  const m = await asOfScenario(ds.dir, 'default', ds.ids[0]!, moments, repeats);
  notes.push(
    `State as of a date (${m.events} events): full fold ${m.fullMs.toFixed(1)} ms, snapshot-seeded ${m.seededMs.toFixed(1)} ms with the snapshot parsed once and kept, ` +
      `${m.firstUseMs.toFixed(1)} ms on its first use (${(m.fullMs / m.firstUseMs).toFixed(1)}× faster even then); the same answer at every moment: ${m.sameAnswer}.`,
  );
  const row = atLeast(
    `state as of a date for an organization with ${m.events.toLocaleString('en-US')} events (${m.moments} moments, ${m.sameAnswer ? 'same answer' : 'ANSWERS DIFFER'})`,
    scaleLabel(m.events),
    'a full fold of its stream',
    'answers/s',
    1000 / m.seededMs,
    1000 / m.fullMs,
    20,
  );
  return [{ ...row, met: row.met && m.sameAnswer }];
}
