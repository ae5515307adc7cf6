import type { MigrationProgress } from './migrate-events';

/**
 * One line of migration progress: a bar, events done of total, percent, rate, and how many were
 * copied now versus found already in the target (a resumed run). Pure, for the CLI's stderr.
 */
export function renderProgress(progress: MigrationProgress, elapsedMs: number, width = 30): string {
  const { done, total, copied, alreadyPresent, streams } = progress;
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `${bar} ${done}/${total} events ${percent}  ${rate} ev/s  (${copied} copied, ${alreadyPresent} already there, ${streams} streams)`;
}

/**
 * Decides when to draw: every call on a terminal (the line is redrawn in place), at most every
 * `intervalMs` otherwise (a log file gets a line now and then, not thousands), and always the last.
 */
export class ProgressThrottle {
  private lastAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  shouldDraw(final = false): boolean {
    const at = this.now();
    if (!final && at - this.lastAt < this.intervalMs) return false;
    this.lastAt = at;
    return true;
  }
}
