import { addDays, daysBetween } from '../domain/calendar';
import type { IsoDate } from '../domain/oversight.vocabulary';

/** A run of whole days, both ends included, carrying a value. */
export interface Span<T> {
  from: IsoDate;
  to: IsoDate;
  value: T;
}

export function spanDays(from: IsoDate, to: IsoDate): number {
  return daysBetween(from, to) + 1;
}

/** Joins neighbouring spans (one ends the day before the next starts) whose values are `same`. */
export function mergeSpans<T>(spans: readonly Span<T>[], same: (a: T, b: T) => boolean): Span<T>[] {
  const out: Span<T>[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === s.from && same(last.value, s.value)) out[out.length - 1] = { ...last, to: s.to };
    else out.push({ ...s });
  }
  return out;
}

/** The parts of `spans` that lie inside `within` (both sorted, neither overlapping itself). */
export function intersectSpans<T>(spans: readonly Span<T>[], within: readonly { from: IsoDate; to: IsoDate }[]): Span<T>[] {
  const out: Span<T>[] = [];
  for (const s of spans) {
    for (const w of within) {
      const from = s.from > w.from ? s.from : w.from;
      const to = s.to < w.to ? s.to : w.to;
      if (from <= to) out.push({ from, to, value: s.value });
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}
