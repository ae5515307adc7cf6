import type { ExpectedControl } from './oversight.events';
import type { AssuranceFlag, AssuranceStatus, IsoDate } from './oversight.vocabulary';

/**
 * One finding of `assess`: why a status (or a flag) holds. Every status has at least one, so
 * "why is it red?" — and "why is it green?" — always has an answer.
 */
export interface AssuranceReason {
  /** Stable SCREAMING_SNAKE code, e.g. REPORT_EXPIRED, EXCEPTION_OPEN. */
  code: string;
  /** The status this finding implies, or null for a finding that only raises a flag. */
  status: AssuranceStatus | null;
  /** The flag this finding raises, if any. */
  flag: AssuranceFlag | null;
  /** One sentence for a human, with the dates and names that matter. */
  message: string;
  /** The events that caused it, oldest first. */
  eventIds: string[];
  /** The business day from which the finding holds, when it can be told. */
  since: IsoDate | null;
}

export interface Assessment {
  /** The day assessed (UTC). */
  at: IsoDate;
  status: AssuranceStatus;
  flags: AssuranceFlag[];
  /** Every finding, most severe status first, flag-only findings last. */
  reasons: AssuranceReason[];
  /** R: the accepted, unwithdrawn report with the latest coverage end; null when none. */
  currentReportId: string | null;
  /** R's coverage end. */
  coverageEnd: IsoDate | null;
  /** R's reach: its coverage end, or the end of a valid bridge letter extending it. */
  reach: IsoDate | null;
  /** The last day R is current: coverage end + max report age. */
  expiresAt: IsoDate | null;
  /** F: the latest fiscal year end on or before `at`. */
  relianceDate: IsoDate;
  /**
   * The next day on which the status, flags or reasons may change with no new event (expiry,
   * the warning window, a due date passing, a risk acceptance lapsing, the next fiscal year end,
   * a validation growing stale). Null when nothing is scheduled. Re-assess on that day.
   */
  nextReassessmentOn: IsoDate | null;
}

export interface MissingControl extends ExpectedControl {
  /** 1 for the riskiest missing control. */
  rank: number;
}

/** Expected controls against those the current report tested (DESIGN §5). */
export interface ControlCoverage {
  reportId: string | null;
  expectedCount: number;
  testedCount: number;
  /** Expected controls that R tested, over all expected; 1 when nothing is expected. */
  coverageRatio: number;
  /** Expected but not tested by R, riskiest first (CRITICAL..LOW, then by ref). */
  missing: MissingControl[];
  /** Expected and tested by R. */
  covered: ExpectedControl[];
  /** Tested by R but not expected by us. */
  unexpected: string[];
}
