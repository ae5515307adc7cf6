export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the last day of `month` (1–12) in `year`. */
export function endOfMonth(year: number, month: number): number {
  return Date.UTC(year, month, 0);
}

/**
 * The last `count` period ends falling in `month`, each at least `margin` ms before `end`,
 * oldest first: a history of annual report periods that finishes just before today.
 */
export function periodEnds(end: number, month: number, count: number, margin: number): number[] {
  let year = new Date(end).getUTCFullYear();
  while (endOfMonth(year, month) > end - margin) year--;
  return Array.from({ length: count }, (_, i) => endOfMonth(year - count + 1 + i, month));
}
