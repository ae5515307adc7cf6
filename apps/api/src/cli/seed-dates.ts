import { addDays, addMonths, daysInMonth, latestFiscalYearEnd } from '../../../../libs/oversight/src/domain/calendar';

/**
 * Dates of the demo portfolio, relative to the server's today, so that the seed shows the same
 * statuses whatever day it runs: a current report ends at the last month end at least 45 days
 * ago; where that is before the fiscal year end, a bridge letter reaches it.
 */
export class SeedDates {
  readonly fiscalYearEnd: string;
  readonly currentEnd: string;

  readonly today: string;

  constructor(private readonly now: string) {
    this.today = now.slice(0, 10);
    this.fiscalYearEnd = latestFiscalYearEnd('12-31', this.today);
    this.currentEnd = monthEndOnOrBefore(addDays(this.today, -45));
  }

  /** A 12-month period ending `yearsBack` years before the current end. */
  period(yearsBack = 0): { periodStart: string; periodEnd: string } {
    const periodEnd = monthEndOnOrBefore(addMonths(this.currentEnd, -12 * yearsBack));
    return { periodStart: addDays(addMonths(periodEnd, -12), 1), periodEnd };
  }

  /** The bridge a current report needs to reach the fiscal year end, if any. */
  bridgeFor(periodEnd: string): { coversFrom: string; coversTo: string } | null {
    return periodEnd < this.fiscalYearEnd ? { coversFrom: addDays(periodEnd, 1), coversTo: this.fiscalYearEnd } : null;
  }

  /** A business instant `days` after a date; from today on, a minute before the server's now. */
  at(date: string, days = 0): string {
    const d = addDays(date, days);
    return d < this.today ? `${d}T10:00:00.000Z` : new Date(Date.parse(this.now) - 60_000).toISOString();
  }

  daysAgo(days: number): string {
    return addDays(this.today, -days);
  }
}

function monthEndOnOrBefore(day: string): string {
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  if (d === daysInMonth(y, m)) return day;
  return addDays(`${day.slice(0, 7)}-01`, -1);
}
