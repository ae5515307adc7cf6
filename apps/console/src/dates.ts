/** Calendar days as "YYYY-MM-DD", read as UTC, as the API does. */
const DAY_MS = 86_400_000;

export const dayMs = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
export const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => toDay(dayMs(day) + n * DAY_MS);
/** Inclusive count of days from `from` to `to`. */
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;

export function addMonths(day: string, months: number): string {
  const d = new Date(dayMs(day));
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toDay(target.getTime());
}

/** "2026-11-22T09:04:38.838Z" → "2026-11-22 09:04 UTC". */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A <input type="datetime-local"> value (read as UTC) → ISO instant, or null when empty. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const ms = Date.parse(`${value}${value.length === 16 ? ':00' : ''}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export const isoToLocalInput = (iso: string | null) => (iso ? iso.slice(0, 16) : '');
