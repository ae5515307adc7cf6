/**
 * Words for the API's codes. Known codes get the label people write ("SaaS", "CUEC not mapped");
 * a code this console does not know yet (the server's rules grow) still reads as words, with
 * the usual abbreviations kept in capitals.
 */
const LABELS: Record<string, string> = {
  // Categories and roles
  SAAS: 'SaaS',
  DATA_CENTER_COLOCATION: 'Data center colocation',
  CARVE_OUT: 'Carve-out',
  // Report types and frameworks
  TYPE_1: 'Type 1',
  TYPE_2: 'Type 2',
  ISAE3402: 'ISAE 3402',
  ISAE3000: 'ISAE 3000',
  // Physical areas
  POWER_UPS_GENERATOR: 'Power, UPS and generator',
  FIRE_DETECTION_SUPPRESSION: 'Fire detection and suppression',
  // Flags
  PENDING_REVIEW: 'Pending review',
  EXPIRING: 'Expiring',
  BRIDGED: 'Bridged',
  INHERITED: 'Inherited',
  // Reason codes whose words need more than the code
  CUEC_NOT_MAPPED: 'CUEC not mapped',
  CUEC_PLANNED: 'CUEC planned',
  CUEC_DEFICIENT: 'CUEC deficient',
  CUEC_NOT_TESTED: 'CUEC not tested',
  FISCAL_YEAR_END_NOT_COVERED: 'Fiscal year end not covered',
  FISCAL_YEAR_END_BRIDGED: 'Fiscal year end bridged',
  TYPE_1_ACCEPTED_TEMPORARILY: 'Type 1 accepted temporarily',
  DESIGN_ONLY_REPORT: 'Design-only report (Type 1)',
  GENERAL_USE_REPORT_ONLY: 'General-use report only (SOC 3)',
  CRITICAL_EXCEPTION_UNPLANNED: 'Critical exception without a plan',
  // Coverage
  AUDITED: 'Audited',
  GAP: 'Gap',
  NO_REPORT: 'No report',
};

/** Written in capitals wherever they occur in a code. */
const ABBREVIATIONS = new Set(['SOC', 'SOC1', 'SOC2', 'SOC3', 'ISAE', 'CUEC', 'CUECS', 'UPS', 'CCTV', 'ICFR', 'TSC', 'FYE', 'MFA', 'SLA', 'IT', 'UTC', 'ID']);

/** "DATA_CENTER_COLOCATION" → "Data center colocation"; "SAAS" → "SaaS"; "NEW_CUEC_RULE" → "New CUEC rule". */
export function label(code: string | null | undefined): string {
  if (!code) return '';
  const known = LABELS[code];
  if (known) return known;
  const words = code.split('_').filter(Boolean).map((w, i) => {
    if (ABBREVIATIONS.has(w.toUpperCase())) return w.toUpperCase();
    const lower = w.toLowerCase();
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return words.join(' ');
}

/** "1 day", "2 days"; `many` when the plural is not `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
