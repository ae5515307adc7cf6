import type { OversightCommand } from '../../libs/oversight/src/domain/oversight.commands';
import { PHYSICAL_AREAS, OPERATIONAL_AREAS, type Severity } from '../../libs/oversight/src/domain/oversight.vocabulary';
import { DAY, HOUR, day } from './calendar';
import type { OrganizationProfile } from './organization-profile';
import type { Random } from './random';

/** One command of the plan: when it is recorded (`at`) and when it happened (`effectiveAt`). */
export interface PlannedCommand {
  at: number;
  effectiveAt: number;
  organizationId: string;
  organizationIndex: number;
  /** Unique per organization: with the seed, it makes the commandId. */
  key: string;
  command: OversightCommand;
}

const CONTROLS = Array.from({ length: 40 }, (_, i) => `CC${Math.floor(i / 8) + 1}.${(i % 8) + 1}`);
const SEVERITY: Array<[Severity, number]> = [['LOW', 0.4], ['MEDIUM', 0.35], ['HIGH', 0.2], ['CRITICAL', 0.05]];

/**
 * Builds one organization's commands in the order they depend on each other. Each fact is
 * recorded some time after it happened: mostly within hours, sometimes weeks later (a report
 * entered late), and never before the fact it rests on was recorded.
 */
export class CycleBuilder {
  readonly commands: PlannedCommand[] = [];
  private n = 0;

  constructor(private readonly profile: OrganizationProfile, private readonly random: Random, private readonly prefix: string) {}

  /** `prompt`: recorded within minutes (onboarding facts that everything else rests on). */
  add(effectiveAt: number, command: OversightCommand, after?: PlannedCommand, prompt = false): PlannedCommand {
    const lag = prompt ? this.random.int(1, 30) * 60_000 : this.random.chance(0.15) ? this.random.int(1, 45) * DAY : this.random.int(5, 8 * 60) * 60_000;
    const at = Math.max(effectiveAt + lag, (after?.at ?? 0) + 60_000);
    const planned = { at, effectiveAt, organizationId: this.profile.id, organizationIndex: this.profile.index, key: `${this.prefix}:${this.n++}`, command };
    this.commands.push(planned);
    return planned;
  }
}

/** The report cycle of one year: report, review, exceptions and remediation, CUECs, bridge letter, validations. */
export function annualCycle(b: CycleBuilder, p: OrganizationProfile, random: Random, year: number, periodEnd: number): void {
  const reportId = `rep-${day(periodEnd)}`;
  const received = periodEnd + random.int(30, 75) * DAY + random.int(9, 17) * HOUR;
  const type1 = year === 0 && random.chance(0.2);
  const opinion = random.chance(0.88) ? 'UNMODIFIED' : random.chance(0.75) ? 'QUALIFIED' : random.chance(0.7) ? 'ADVERSE' : 'DISCLAIMER';
  const tested = random.sample(CONTROLS, random.int(15, 30));
  const cuecs = Array.from({ length: random.int(3, 8) }, (_, i) => ({ ref: `CUEC-${i + 1}`, description: `User entity control ${i + 1}` }));
  const report = b.add(received, {
    type: 'RecordReportReceived',
    data: {
      reportId,
      framework: p.framework,
      reportType: type1 ? 'TYPE_1' : 'TYPE_2',
      asOfDate: type1 ? day(periodEnd) : null,
      periodStart: type1 ? null : day(periodEnd - 364 * DAY),
      periodEnd: type1 ? null : day(periodEnd),
      opinionDate: day(periodEnd + random.int(15, 29) * DAY),
      serviceAuditor: random.pick(['Baker & Lane LLP', 'Northwind Assurance', 'Example Audit LLP', 'Harbor CPA']),
      opinion,
      criteria: p.framework === 'SOC2' ? (random.chance(0.3) ? ['SECURITY', 'AVAILABILITY', 'CONFIDENTIALITY'] : ['SECURITY', 'AVAILABILITY']) : [],
      controlObjectives: [],
      servicesCovered: p.registration.services,
      sitesCovered: p.siteIds.slice(0, 10),
      controlsTested: tested,
      cuecs,
      subserviceOrganizations: [],
      documentSha256: random.hex(64),
      // Reliance rules v2: what acceptance requires (no extra random draws, so runs stay comparable).
      managementAssertionIncluded: true,
      ...(opinion === 'QUALIFIED' ? { qualifiedAreas: [tested[0]!], qualificationBasis: 'Deviations in the sampled items' } : {}),
    },
  });
  const decision = random.chance(0.8) ? 'ACCEPTED' : random.chance(0.75) ? 'ACCEPTED_WITH_CONDITIONS' : 'REJECTED';
  const reviewedAt = received + random.int(3, 30) * DAY;
  const review = b.add(reviewedAt, {
    type: 'ConcludeReportReview',
    data: { reportId, decision, reviewer: 'grc.analyst', conditions: decision === 'ACCEPTED_WITH_CONDITIONS' ? ['Bridge letter due next cycle'] : [], notes: null },
  }, report);
  if (decision === 'REJECTED') return;
  const exceptions = opinion === 'QUALIFIED' ? random.int(1, 4) : random.chance(0.45) ? random.int(1, 3) : 0;
  for (let x = 0; x < exceptions; x++) exceptionLife(b, random, reportId, `exc-${day(periodEnd)}-${x + 1}`, random.pick(tested), reviewedAt, review);
  for (const cuec of cuecs) {
    const state = random.chance(0.8) ? 'IMPLEMENTED' : random.chance(0.75) ? 'PLANNED' : 'NOT_APPLICABLE';
    b.add(reviewedAt + random.int(5, 40) * DAY, {
      type: 'MapCuec',
      data: { reportId, cuecRef: cuec.ref, internalControlRef: state === 'NOT_APPLICABLE' ? null : `IC-${cuec.ref}`, state },
    }, review);
  }
  if (p.sendsBridgeLetters && !type1 && p.periodEndMonth !== 12) {
    const yearEnd = Date.UTC(new Date(periodEnd).getUTCFullYear(), 11, 31);
    const letterAt = received + random.int(1, 20) * DAY;
    b.add(letterAt, {
      type: 'RecordBridgeLetter',
      data: {
        letterId: `bridge-${day(periodEnd)}`, reportId, coversFrom: day(periodEnd + DAY), coversTo: day(yearEnd), materialChanges: null,
        signedBy: 'Chief Financial Officer', issuedOn: day(letterAt), noOtherChangesStated: true,
      },
    }, report);
  }
  validations(b, p, random, periodEnd);
}

function exceptionLife(b: CycleBuilder, random: Random, reportId: string, exceptionId: string, controlRef: string, from: number, review: PlannedCommand): void {
  const foundAt = from + random.int(0, 2) * DAY;
  const severity = weighted(random, SEVERITY);
  const found = b.add(foundAt, {
    type: 'RecordException',
    data: { exceptionId, source: 'REPORT', reportId, controlRef, criteriaRef: controlRef, kind: random.pick(['DESIGN', 'OPERATING', 'OPERATING']), severity, description: `Control ${controlRef} did not operate as described`, managementResponse: 'Management agrees and will remediate.' },
  }, review);
  const plannedAt = foundAt + random.int(2, 10) * DAY;
  const plan = b.add(plannedAt, {
    type: 'PlanRemediation',
    data: { exceptionId, owner: 'vendor.owner', plan: `Remediate ${controlRef}`, dueDate: day(plannedAt + random.int(30, 120) * DAY) },
  }, found);
  const ending = random.next();
  if (ending < 0.8) {
    b.add(plannedAt + random.int(20, 150) * DAY, { type: 'CloseRemediation', data: { exceptionId, resolution: 'Remediated and retested', evidence: `TICKET-${random.int(1000, 99999)}`, verifiedBy: 'internal.audit' } }, plan);
  } else if (ending < 0.9) {
    const acceptedAt = plannedAt + random.int(5, 30) * DAY;
    b.add(acceptedAt, { type: 'AcceptRisk', data: { exceptionId, acceptedBy: 'ciso', rationale: 'Compensating controls in place', expiresAt: day(acceptedAt + 365 * DAY) } }, plan);
  }
}

function validations(b: CycleBuilder, p: OrganizationProfile, random: Random, periodEnd: number): void {
  const start = periodEnd - 364 * DAY;
  if (p.siteIds.length === 0) {
    if (!random.chance(0.5)) return;
    const at = start + random.int(0, 363) * DAY + 10 * HOUR;
    b.add(at, { type: 'RecordOperationalControlsValidation', data: { validationId: `val-${day(at)}`, siteId: null, areas: random.sample(OPERATIONAL_AREAS, 3), method: 'REMOTE_EVIDENCE', result: random.chance(0.92) ? 'EFFECTIVE' : 'DEFICIENT', validatedOn: day(at), notes: null } });
    return;
  }
  for (const siteId of p.siteIds) {
    for (let v = 0; v < p.validationsPerSiteYear; v++) {
      const slot = 364 / p.validationsPerSiteYear;
      const at = start + Math.floor((v + random.next()) * slot) * DAY + 10 * HOUR;
      b.add(at, {
        type: 'RecordPhysicalEnvironmentalValidation',
        data: { validationId: `val-${siteId}-${day(at)}-${v}`, siteId, areas: random.sample(PHYSICAL_AREAS, random.int(3, 6)), method: random.pick(['SITE_VISIT', 'REMOTE_EVIDENCE']), result: random.chance(0.92) ? 'EFFECTIVE' : 'DEFICIENT', validatedOn: day(at), notes: null },
      });
    }
  }
}

function weighted<T>(random: Random, table: ReadonlyArray<[T, number]>): T {
  let r = random.next();
  for (const [value, weight] of table) if ((r -= weight) < 0) return value;
  return table[table.length - 1]![0];
}
