import { finding, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { addDays, addMonths, maxDate } from './calendar';
import type { ValidationRecord } from './organization.state';
import type { PhysicalArea } from './oversight.vocabulary';
import { describeValidation, list, siteName } from './report-labels';

/**
 * Our own validations (DESIGN §3 v2, ASSURED_WITH_EXCEPTIONS): a deficient area; a colocation data
 * center's required physical areas at every site; a cloud host's operational controls.
 */

/** Validations that exist on `day`: one dated later is not known to have happened yet. */
function validationsOn(ctx: AssessContext): ValidationRecord[] {
  return ctx.state.validations
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.validatedOn <= ctx.day)
    .sort(
      (a, b) =>
        a.v.validatedOn.localeCompare(b.v.validatedOn) ||
        Date.parse(a.v.effectiveAt) - Date.parse(b.v.effectiveAt) ||
        a.i - b.i,
    )
    .map(({ v }) => v);
}

export function validationFindings(ctx: AssessContext): Finding[] {
  const { state } = ctx;
  const validations = validationsOn(ctx);
  // The latest validation of each (kind, site, area) speaks for that area.
  const latest = new Map<string, { v: ValidationRecord; area: string }>();
  for (const v of validations) {
    for (const area of v.areas) latest.set(JSON.stringify([v.kind, v.siteId, area]), { v, area });
  }
  const deficient = new Map<ValidationRecord, string[]>();
  for (const { v, area } of latest.values()) {
    if (v.result === 'DEFICIENT') deficient.set(v, [...(deficient.get(v) ?? []), area]);
  }
  const inOrder = [...deficient].sort(([a], [b]) => validations.indexOf(a) - validations.indexOf(b));
  const out = inOrder.map(([v, areas], rank) =>
    finding(
      'VALIDATION_DEFICIENT',
      'ASSURED_WITH_EXCEPTIONS',
      `${cap(describeValidation(state, v))} found ${list(areas.map(words))} deficient.`,
      [v],
      v.validatedOn,
      { rank },
    ),
  );
  if (state.profile?.category === 'DATA_CENTER_COLOCATION') out.push(...physicalIncomplete(ctx, validations));
  if (state.profile?.category === 'CLOUD_HOSTING') out.push(...operationalMissing(ctx, validations));
  return out;
}

/** Every required area at every registered site (or at the organization when it has none). */
function physicalIncomplete(ctx: AssessContext, validations: ValidationRecord[]): Finding[] {
  const { state, day, policy } = ctx;
  const months = policy.physicalValidationMonths;
  const fresh = validations.filter(
    (v) =>
      v.kind === 'PHYSICAL' &&
      v.result === 'EFFECTIVE' &&
      policy.acceptedValidationMethods.includes(v.method) &&
      day <= addMonths(v.validatedOn, months),
  );
  const sites = Object.keys(state.sites);
  const places: Array<string | null> = sites.length > 0 ? sites : [null];
  const missing: Array<{ site: string | null; areas: PhysicalArea[] }> = [];
  for (const site of places) {
    const here = fresh.filter((v) => site === null || v.siteId === site);
    const areas = policy.requiredPhysicalAreas.filter((a) => !here.some((v) => (v.areas as string[]).includes(a)));
    if (areas.length > 0) missing.push({ site, areas });
  }
  if (missing.length === 0) return [];
  const pairs = missing.map((m) => `${siteName(state, m.site)}: ${list(m.areas.map(words))}`).join('; ');
  const physical = validations.filter((v) => v.kind === 'PHYSICAL');
  const last = physical.at(-1);
  const stale = physical.filter((v) => v.result === 'EFFECTIVE' && !fresh.includes(v));
  const staleFrom = stale.length > 0 ? addDays(addMonths(stale.at(-1)!.validatedOn, months), 1) : null;
  const registered = state.registered ? stampDay(state.registered) : null;
  const since = staleFrom && registered ? maxDate(staleFrom, registered) : (staleFrom ?? registered);
  const methods = orList(policy.acceptedValidationMethods.map(words));
  const message =
    `No effective validation within ${months} months, by ${methods}, covers ${pairs}` +
    `${last ? ` (latest: ${describeValidation(state, last)})` : ''}.`;
  return [finding('PHYSICAL_VALIDATION_INCOMPLETE', 'ASSURED_WITH_EXCEPTIONS', message, [last ?? state.registered], since)];
}

function operationalMissing(ctx: AssessContext, validations: ValidationRecord[]): Finding[] {
  const { state, day, policy } = ctx;
  const months = policy.physicalValidationMonths;
  const effective = validations.filter((v) => v.kind === 'OPERATIONAL' && v.result === 'EFFECTIVE');
  if (effective.some((v) => day <= addMonths(v.validatedOn, months))) return [];
  const last = effective.at(-1);
  const staleFrom = last && addDays(addMonths(last.validatedOn, months), 1);
  const what = last
    ? `The last effective operational validation (${describeValidation(state, last)}) went stale on ${staleFrom}`
    : 'No effective validation of the operational controls of this cloud service (logical access, security monitoring, …) is on record';
  const message = `${what}; the policy asks for one every ${months} months.`;
  const since = staleFrom ?? (state.registered ? stampDay(state.registered) : null);
  return [finding('OPERATIONAL_VALIDATION_MISSING', 'ASSURED_WITH_EXCEPTIONS', message, [last ?? state.registered], since)];
}

const WORDS: Record<string, string> = {
  CCTV: 'CCTV',
  FIRE_DETECTION_SUPPRESSION: 'fire detection and suppression',
  POWER_UPS_GENERATOR: 'power (UPS and generator)',
  SITE_VISIT: 'a site visit',
  REPORT_TEST_REFERENCE: "reference to the service auditor's tests",
  QUESTIONNAIRE: 'a questionnaire',
  REMOTE_EVIDENCE: 'remote evidence',
};

function words(code: string): string {
  return WORDS[code] ?? code.toLowerCase().replace(/_/g, ' ');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
