import { isDeepStrictEqual } from 'node:util';
import { assess } from './assess';
import type { Assessment } from './assessment.types';
import { DEFAULT_POLICY, resolvePolicy, type AssurancePolicy } from './assurance-policy';
import { addDays, dayOf } from './calendar';
import { fold } from './organization.evolve';
import type { OrganizationState } from './organization.state';
import type {
  AssuranceReportReceivedData,
  BridgeLetterReceivedData,
  ExceptionFoundData,
  ExpectedControl,
  OrganizationRegisteredData,
  OversightEvent,
  PhysicalValidationData,
  OperationalValidationData,
  RecordedOversightEvent,
} from './oversight.events';
import type {
  BridgeReviewDecision,
  CuecState,
  ExceptionImpact,
  IsoDate,
  ReviewDecision,
  ValidationResult,
} from './oversight.vocabulary';

/**
 * A small history builder for assessment tests: events get readable, deterministic ids
 * (`received:r1`, `found:x1`, a `#2` suffix on repeats) and the business day set by `on()`.
 *
 *   history().registered({ category: 'DATA_CENTER_COLOCATION' })
 *     .on('2024-11-01').report('r1', { period: ['2023-10-01', '2024-09-30'] })
 *     .on('2024-11-15').accepted('r1').state()
 */
export function history(startOn: IsoDate = '2023-10-01'): History {
  return new History(startOn);
}

type ReportSpec = Partial<AssuranceReportReceivedData> & { period?: [IsoDate, IsoDate]; asOf?: IsoDate };
type ValidationSpec<A> = Partial<Omit<PhysicalValidationData, 'areas'>> & { areas?: A[] };

export class History {
  private readonly events: RecordedOversightEvent[] = [];
  private readonly coverageEnds = new Map<string, IsoDate>();

  constructor(private day: IsoDate) {}

  /** Business day of the events that follow. */
  on(day: IsoDate): this {
    this.day = day;
    return this;
  }

  registered(data: Partial<OrganizationRegisteredData> = {}): this {
    return this.add('registered', {
      type: 'OrganizationRegistered',
      data: {
        organizationId: 'org-1',
        name: 'Acme Colo',
        role: 'SUBSERVICE',
        category: 'SAAS',
        criticality: 'HIGH',
        services: ['hosting'],
        owner: 'grc@example.com',
        parentOrganizationId: null,
        inclusionMethod: null,
        ...data,
      },
    });
  }

  policy(policy: Partial<AssurancePolicy>): this {
    return this.add('policy', { type: 'AssurancePolicySet', data: resolvePolicy(policy) });
  }

  expectedControls(controls: Array<Pick<ExpectedControl, 'ref' | 'risk'> & Partial<ExpectedControl>>): this {
    const data = controls.map((c) => ({ description: `control ${c.ref}`, domain: 'security', ...c }));
    return this.add('controls', { type: 'ExpectedControlsDefined', data: { controls: data } });
  }

  /** A SOC 2 Type 2 with a clean opinion unless told otherwise (`asOf` makes a Type 1). */
  report(reportId: string, spec: ReportSpec = {}): this {
    const { period = ['2023-10-01', '2024-09-30'], asOf, ...data } = spec;
    const type1 = asOf !== undefined;
    this.coverageEnds.set(reportId, asOf ?? period[1]);
    return this.add(`received:${reportId}`, {
      type: 'AssuranceReportReceived',
      data: {
        reportId,
        framework: 'SOC2',
        reportType: type1 ? 'TYPE_1' : 'TYPE_2',
        asOfDate: asOf ?? null,
        periodStart: type1 ? null : period[0],
        periodEnd: type1 ? null : period[1],
        opinionDate: null,
        serviceAuditor: 'Audit & Co',
        opinion: 'UNMODIFIED',
        criteria: ['SECURITY', 'AVAILABILITY'],
        controlObjectives: [],
        servicesCovered: ['hosting'],
        sitesCovered: [],
        controlsTested: [],
        cuecs: [],
        subserviceOrganizations: [],
        documentSha256: null,
        managementAssertionIncluded: true,
        ...data,
      },
    });
  }

  reviewed(reportId: string, decision: ReviewDecision, conditions: string[] = []): this {
    return this.add(`review:${reportId}`, {
      type: 'ReportReviewConcluded',
      data: { reportId, decision, reviewer: 'reviewer', conditions, notes: null },
    });
  }
  accepted(reportId: string): this {
    return this.reviewed(reportId, 'ACCEPTED');
  }
  acceptedWithConditions(reportId: string, conditions: string[]): this {
    return this.reviewed(reportId, 'ACCEPTED_WITH_CONDITIONS', conditions);
  }
  rejected(reportId: string): this {
    return this.reviewed(reportId, 'REJECTED');
  }
  withdrawn(reportId: string, reason = 'superseded'): this {
    return this.add(`withdrawn:${reportId}`, { type: 'AssuranceReportWithdrawn', data: { reportId, reason } });
  }

  /** A complete bridge letter (signed, dated, no other changes) from the report's coverage end to `coversTo`. */
  bridge(letterId: string, reportId: string, coversTo: IsoDate, data: Partial<BridgeLetterReceivedData> = {}): this {
    const coversFrom = this.coverageEnds.get(reportId) ?? coversTo;
    return this.add(`bridge:${letterId}`, {
      type: 'BridgeLetterReceived',
      data: {
        letterId,
        reportId,
        coversFrom,
        coversTo,
        materialChanges: null,
        signedBy: 'CFO of the vendor',
        issuedOn: this.day,
        noOtherChangesStated: true,
        ...data,
      },
    });
  }
  bridgeReviewed(letterId: string, decision: BridgeReviewDecision): this {
    return this.add(`bridge-review:${letterId}`, {
      type: 'BridgeLetterReviewConcluded',
      data: { letterId, decision, reviewer: 'reviewer', notes: null },
    });
  }
  cuecTested(reportId: string, cuecRef: string, testedOn: IsoDate, result: ValidationResult = 'EFFECTIVE'): this {
    return this.add(`cuec-test:${reportId}:${cuecRef}`, {
      type: 'CuecTested',
      data: { reportId, cuecRef, testedOn, result },
    });
  }
  evaluated(exceptionId: string, impact: ExceptionImpact, compensatingControlRef: string | null = null): this {
    return this.add(`evaluated:${exceptionId}`, {
      type: 'ExceptionEvaluated',
      data: { exceptionId, impact, rationale: 'evaluated by the control owner', compensatingControlRef },
    });
  }
  nextReportExpected(periodEnd: IsoDate, deliveryBy: IsoDate): this {
    return this.add('next-report', { type: 'NextReportExpected', data: { periodEnd, deliveryBy } });
  }
  site(siteId: string, name: string): this {
    return this.add(`site:${siteId}`, { type: 'SiteRegistered', data: { siteId, name, country: 'DE', city: 'Frankfurt' } });
  }

  cuec(reportId: string, cuecRef: string, state: CuecState): this {
    return this.add(`cuec:${reportId}:${cuecRef}`, {
      type: 'CuecMapped',
      data: { reportId, cuecRef, cuecText: `cuec ${cuecRef}`, internalControlRef: `OUR-${cuecRef}`, state },
    });
  }

  physical(validationId: string, spec: ValidationSpec<PhysicalValidationData['areas'][number]> = {}): this {
    return this.add(`validated:${validationId}`, {
      type: 'PhysicalEnvironmentalControlsValidated',
      data: { ...this.validation(validationId, spec), areas: spec.areas ?? [...DEFAULT_POLICY.requiredPhysicalAreas] },
    });
  }

  operational(validationId: string, spec: ValidationSpec<OperationalValidationData['areas'][number]> = {}): this {
    return this.add(`validated:${validationId}`, {
      type: 'OperationalControlsValidated',
      data: { ...this.validation(validationId, spec), areas: spec.areas ?? ['LOGICAL_ACCESS'] },
    });
  }

  exception(exceptionId: string, data: Partial<ExceptionFoundData> = {}): this {
    return this.add(`found:${exceptionId}`, {
      type: 'ExceptionFound',
      data: {
        exceptionId,
        source: 'REPORT',
        reportId: null,
        controlRef: 'CC6.1',
        criteriaRef: null,
        kind: 'OPERATING',
        severity: 'HIGH',
        description: 'access not revoked',
        managementResponse: null,
        ...data,
      },
    });
  }
  planned(exceptionId: string, dueDate: IsoDate): this {
    return this.add(`planned:${exceptionId}`, {
      type: 'RemediationPlanned',
      data: { exceptionId, owner: 'ops', plan: 'fix it', dueDate },
    });
  }
  closed(exceptionId: string): this {
    return this.add(`closed:${exceptionId}`, {
      type: 'RemediationClosed',
      data: { exceptionId, resolution: 'fixed', evidence: null, verifiedBy: null },
    });
  }
  riskAccepted(exceptionId: string, expiresAt: IsoDate | null): this {
    return this.add(`risk:${exceptionId}`, {
      type: 'RiskAccepted',
      data: { exceptionId, acceptedBy: 'ciso', rationale: 'compensating control', expiresAt },
    });
  }
  offboarded(reason = 'contract ended'): this {
    return this.add('offboarded', { type: 'OrganizationOffboarded', data: { reason } });
  }

  build(): RecordedOversightEvent[] {
    return [...this.events];
  }
  /** The state with every event, whatever its business time. */
  state(): OrganizationState {
    return fold(this.events);
  }
  /** As an as-of query folds: only events with business time on or before the day. */
  stateOn(day: IsoDate): OrganizationState {
    return fold(this.events.filter((e) => dayOf(e.effectiveAt) <= day));
  }

  private validation(validationId: string, spec: ValidationSpec<unknown>) {
    const { areas: _areas, ...rest } = spec;
    const method = 'SITE_VISIT' as const;
    const result = 'EFFECTIVE' as const;
    return { validationId, siteId: 'site-1', method, result, validatedOn: this.day, notes: null, ...rest };
  }

  private add(id: string, event: OversightEvent): this {
    const seen = this.events.filter((e) => e.eventId === id || e.eventId.startsWith(`${id}#`)).length;
    const at = `${this.day}T10:00:00.000Z`;
    const eventId = seen ? `${id}#${seen + 1}` : id;
    this.events.push({ ...event, eventId, effectiveAt: at, recordedAt: at } as RecordedOversightEvent);
    return this;
  }
}

/**
 * A SaaS vendor relied on since 2023-10-01 (so the fiscal year 2023 window is the 92 days r1
 * covers), with r1 (SOC 2 Type 2, 2023-10-01..2024-09-30) accepted on 2024-11-15.
 */
export function acceptedSaas(): History {
  return history('2023-10-01')
    .registered({ category: 'SAAS', name: 'Acme Payroll' })
    .on('2024-11-01')
    .report('r1', { period: ['2023-10-01', '2024-09-30'] })
    .on('2024-11-15')
    .accepted('r1');
}

export const codes = (a: Assessment): string[] => a.reasons.map((r) => r.code);
export const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === code);

/** Assessment fields that must not change between re-assessment days (all but the day itself). */
export function sameVerdict(a: Assessment, b: Assessment): boolean {
  return isDeepStrictEqual({ ...a, at: null }, { ...b, at: null });
}

/** Days from `from` to `to`, both included. */
export function daysFrom(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The days on which the verdict changed although the previous day did not announce it. */
export function missedReassessments(state: OrganizationState, from: IsoDate, to: IsoDate): string[] {
  const missed: string[] = [];
  let previous = assess(state, from);
  for (const day of daysFrom(addDays(from, 1), to)) {
    const current = assess(state, day);
    if (!sameVerdict(previous, current) && previous.nextReassessmentOn !== day) {
      missed.push(`${day} (announced ${previous.nextReassessmentOn})`);
    }
    if (previous.nextReassessmentOn !== null && previous.nextReassessmentOn < day) {
      missed.push(`${day}: ${previous.nextReassessmentOn} was not after ${previous.at}`);
    }
    previous = current;
  }
  return missed;
}
