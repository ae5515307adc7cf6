import { round } from './stats';

/** One line of bench/results/latest.json: a value and its baseline, measured in the same run. */
export interface BenchRow {
  scenario: string;
  scale: string;
  baseline: string;
  value: number;
  baselineValue: number;
  /** value / baselineValue. */
  ratio: number;
  target: string;
  met: boolean;
  unit: string;
}

/** Higher is better: met when value ≥ min × baseline. */
export function atLeast(scenario: string, scale: string, baseline: string, unit: string, value: number, baselineValue: number, min: number): BenchRow {
  const ratio = baselineValue > 0 ? value / baselineValue : 0;
  return row(scenario, scale, baseline, unit, value, baselineValue, ratio, `≥ ${min}×`, ratio >= min);
}

/** Lower is better (latency, memory): met when value ≤ max × baseline. */
export function atMost(scenario: string, scale: string, baseline: string, unit: string, value: number, baselineValue: number, max: number): BenchRow {
  const ratio = baselineValue > 0 ? value / baselineValue : Infinity;
  return row(scenario, scale, baseline, unit, value, baselineValue, ratio, `≤ ${max}×`, ratio <= max);
}

function row(scenario: string, scale: string, baseline: string, unit: string, value: number, baselineValue: number, ratio: number, target: string, met: boolean): BenchRow {
  return { scenario, scale, baseline, value: round(value, 3), baselineValue: round(baselineValue, 3), ratio: round(ratio, 3), target, met, unit };
}

/** "1,000,000 events" style scale labels. */
export function scaleLabel(events: number): string {
  return `${events.toLocaleString('en-US')} events`;
}
