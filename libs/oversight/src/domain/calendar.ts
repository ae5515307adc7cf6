import type { IsoDate, IsoDateTime } from './oversight.vocabulary';

/** Calendar arithmetic on UTC days. Business rules count whole days, never hours. */
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True for an ISO-8601 instant with an explicit zone (Z or ±hh:mm). */
export function isIsoDateTime(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** The UTC calendar day of an instant or a date. */
export function dayOf(at: IsoDateTime | IsoDate | Date): IsoDate {
  if (typeof at === 'string' && DATE_RE.test(at)) return at;
  const d = typeof at === 'string' ? new Date(at) : at;
  return d.toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fmt(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY_MS);
}

function fiscalYearEndIn(mmdd: string, year: number): IsoDate {
  const [mo, d] = [Number(mmdd.slice(0, 2)), Number(mmdd.slice(3, 5))];
  return fmt(year, mo, Math.min(d, daysInMonth(year, mo)));
}

/** The latest day with month-day `mmdd` on or before `day` (29 Feb falls back to 28 Feb). */
export function latestFiscalYearEnd(mmdd: string, day: IsoDate): IsoDate {
  const [y] = parts(day);
  const thisYear = fiscalYearEndIn(mmdd, y);
  return thisYear <= day ? thisYear : fiscalYearEndIn(mmdd, y - 1);
}

/** The first day with month-day `mmdd` strictly after `day`. */
export function nextFiscalYearEnd(mmdd: string, day: IsoDate): IsoDate {
  const [y] = parts(latestFiscalYearEnd(mmdd, day));
  return fiscalYearEndIn(mmdd, y + 1);
}

export function isFiscalYearEnd(mmdd: string): boolean {
  return /^\d{2}-\d{2}$/.test(mmdd) && isIsoDate(`2024-${mmdd}`);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
