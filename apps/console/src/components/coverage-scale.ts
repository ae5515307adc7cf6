import type { CoverageTimeline } from '../api/coverage';
import { addDays, dayMs } from '../dates';

/**
 * The continuity chart's geometry, in viewBox units: a label column on the left, three lanes
 * (reports, bridge letters, validations) between TOP and BOTTOM, the time axis below them.
 */
export const W = 960;
export const LEFT = 118;
export const RIGHT = 16;
export const INNER = W - LEFT - RIGHT;
export const LANES = { reports: { y: 26, h: 34 }, letters: { y: 70, h: 22 }, validations: { y: 102, h: 24 } };
export const TOP = 18;
export const BOTTOM = 132;
export const AXIS = 150;
export const H = 172;

/** The hues come from the Okabe–Ito palette, told apart with any colour vision; gaps are hatched too. */
export const COLORS = {
  audited: '#0072B2',
  auditedText: '#ffffff',
  letter: '#56B4E9',
  gap: '#D55E00',
  /** Not yet covered, not yet due: neutral, it breaks no rule. */
  notDue: '#767676',
  effective: '#009E73',
  deficient: '#D55E00',
  fye: '#1a1a1a',
};

export interface Scale {
  /** The left edge of a day, clamped to the timeline. */
  x: (day: string) => number;
  /** The right edge of a day (the left edge of the next), so that periods are inclusive. */
  xEnd: (day: string) => number;
  /** From the start of `from` to the end of `to`; 2 at least, so that a one-day period still shows. */
  width: (from: string, to: string) => number;
  inRange: (day: string) => boolean;
  /** Every year that begins inside the timeline, for the axis ticks. */
  years: number[];
}

export function scaleFor(t: Pick<CoverageTimeline, 'from' | 'to'>): Scale {
  const start = dayMs(t.from);
  const end = dayMs(addDays(t.to, 1));
  const span = Math.max(end - start, 86_400_000);
  const x = (day: string) => LEFT + (Math.min(Math.max(dayMs(day), start), end) - start) / span * INNER;
  const xEnd = (day: string) => x(addDays(day, 1));
  const width = (from: string, to: string) => Math.max(xEnd(to) - x(from), 2);
  const inRange = (day: string) => day >= t.from && day <= t.to;
  const years: number[] = [];
  for (let y = Number(t.from.slice(0, 4)) + 1; y <= Number(t.to.slice(0, 4)); y++) years.push(y);
  return { x, xEnd, width, inRange, years };
}
