import { deciderSpec, SPEC_NOW } from '../../../testing/src';
import { decide, organizationDecider } from './organization.decider';
import {
  command,
  event,
  EXCEPTION_ID,
  exception,
  exceptionFound,
  operationalValidation,
  physicalValidation,
  refusal,
  registeredDataCenter,
  remediationClosed,
  reportReceived,
  reportWithdrawn,
  siteRegistered,
} from './organization.fixtures';
import type { CommandOfType } from './oversight.commands';
import type {
  OperationalValidationData,
  PhysicalValidationData,
  RecordedOversightEvent,
  RemediationPlannedData,
  RiskAcceptedData,
} from './oversight.events';

const spec = deciderSpec(
  organizationDecider,
  (e, eventId, effectiveAt): RecordedOversightEvent => ({ ...e, eventId, effectiveAt, recordedAt: effectiveAt }),
);
const registered = registeredDataCenter();
const AT_NOW = { now: SPEC_NOW, effectiveAt: SPEC_NOW };

describe('RecordPhysicalEnvironmentalValidation and RecordOperationalControlsValidation', () => {
  const org = spec.given([registered, siteRegistered()]);
  const physical = (o: Partial<PhysicalValidationData> = {}) =>
    command('RecordPhysicalEnvironmentalValidation', physicalValidation(o));
  const operational = (o: Partial<OperationalValidationData> = {}) =>
    command('RecordOperationalControlsValidation', operationalValidation(o));
  const physicalDone = (o: Partial<PhysicalValidationData> = {}) =>
    event('PhysicalEnvironmentalControlsValidated', physicalValidation(o));
  const operationalDone = (o: Partial<OperationalValidationData> = {}) =>
    event('OperationalControlsValidated', operationalValidation(o));

  it('records a site visit and a remote review of operational controls', () => {
    org.when(physical()).then([physicalDone()]);
    org.when(operational()).then([operationalDone()]);
  });

  it('records a validation done on the effective day, with no site', () => {
    const today = { validatedOn: '2026-06-30', siteId: null };
    org.when(physical(today)).then([physicalDone(today)]);
  });

  it('refuses a validation id already recorded, of either kind', () => {
    const validated = spec.given([registered, siteRegistered(), physicalDone()]);
    validated.when(physical()).thenRefuses('VALIDATION_ALREADY_RECORDED');
    const sameId = operational({ validationId: physicalValidation().validationId });
    validated.when(sameId).thenRefuses('VALIDATION_ALREADY_RECORDED');
  });

  it('refuses a validation without areas, with an area twice, or with an area of the other kind', () => {
    org.when(physical({ areas: [] })).thenRefuses('AREAS_REQUIRED');
    org.when(operational({ areas: [] })).thenRefuses('AREAS_REQUIRED');
    org.when(physical({ areas: ['CCTV', 'COOLING', 'CCTV'] })).thenRefuses('DUPLICATE_AREA');
    // Areas of the other kind arrive only through a sloppy caller, hence the casts.
    const mixed = ['CCTV', 'LOGICAL_ACCESS'] as unknown as PhysicalValidationData['areas'];
    org.when(physical({ areas: mixed })).thenRefuses('INVALID_AREA');
    org.when(operational({ areas: ['LOGICAL_ACCESS', 'LOGICAL_ACCESS'] })).thenRefuses('DUPLICATE_AREA');
    const cooling = ['COOLING'] as unknown as OperationalValidationData['areas'];
    org.when(operational({ areas: cooling })).thenRefuses('INVALID_AREA');
  });

  it('refuses a site that is not registered, as NOT_FOUND', () => {
    org.when(physical({ siteId: 'site-ams-9' })).thenRefuses('SITE_NOT_FOUND');
    org.when(operational({ siteId: 'site-ams-9' })).thenRefuses('SITE_NOT_FOUND');
    expect(refusal(() => decide(physical({ siteId: 'site-ams-9' }), org.state, AT_NOW)).notFound).toBe(true);
  });

  it('refuses a validation date that is not a day, or after the effective day', () => {
    org.when(physical({ validatedOn: '2026-02-29' })).thenRefuses('INVALID_DATE');
    org.when(operational({ validatedOn: '' })).thenRefuses('INVALID_DATE');
    org.when(physical({ validatedOn: '2026-07-01' })).thenRefuses('VALIDATED_ON_IN_FUTURE');
    const backdated = { effectiveAt: '2026-04-02T23:00:00.000Z' };
    org.when(operational({ validatedOn: '2026-04-03' }), backdated).thenRefuses('VALIDATED_ON_IN_FUTURE');
  });
});

describe('RecordException', () => {
  const org = spec.given([registered, reportReceived()]);
  const record = (o: Parameters<typeof exception>[0] = {}) => command('RecordException', exception(o));

  it('records an exception found in a report, and one from an incident', () => {
    org.when(record()).then([exceptionFound()]);
    const incident = { source: 'INCIDENT', reportId: null } as const;
    org.when(record(incident)).then([exceptionFound(incident)]);
  });

  it('records an exception of a withdrawn report: a superseded report’s findings stay real', () => {
    spec.given([registered, reportReceived(), reportWithdrawn()]).when(record()).then([exceptionFound()]);
  });

  it('refuses an exception id already recorded', () => {
    const recorded = spec.given([registered, reportReceived(), exceptionFound()]);
    recorded.when(record()).thenRefuses('EXCEPTION_ALREADY_RECORDED');
  });

  it('refuses a REPORT exception without its report, and an unknown report', () => {
    org.when(record({ reportId: null })).thenRefuses('REPORT_SOURCE_REQUIRES_REPORT');
    org.when(record({ reportId: 'rep-unknown' })).thenRefuses('REPORT_NOT_FOUND');
    org.when(record({ source: 'REVIEW', reportId: 'rep-unknown' })).thenRefuses('REPORT_NOT_FOUND');
  });

  it('refuses an exception without a control ref or a description', () => {
    org.when(record({ controlRef: '' })).thenRefuses('FIELD_REQUIRED');
    org.when(record({ description: '  ' })).thenRefuses('FIELD_REQUIRED');
  });
});

/** A data center with an open exception, found on 2026-01-15. */
const withException = spec.given([registered, reportReceived(), exceptionFound()]);
const withClosedException = spec.given([registered, reportReceived(), exceptionFound(), remediationClosed()]);

describe('PlanRemediation', () => {
  const planned: RemediationPlannedData = {
    exceptionId: EXCEPTION_ID,
    owner: 'facility.manager',
    plan: 'Automate leavers',
    dueDate: '2026-09-30',
  };
  const plannedEvent = (o: Partial<RemediationPlannedData> = {}) => event('RemediationPlanned', { ...planned, ...o });
  const plan = (o: Partial<RemediationPlannedData> = {}) => command('PlanRemediation', { ...planned, ...o });

  it('plans a remediation, even one already overdue', () => {
    withException.when(plan()).then([plannedEvent()]);
    withException.when(plan({ dueDate: '2026-01-31' })).then([plannedEvent({ dueDate: '2026-01-31' })]);
  });

  it('re-plans with a new due date', () => {
    const replanned = spec.given([registered, reportReceived(), exceptionFound(), plannedEvent()]);
    replanned.when(plan({ dueDate: '2026-12-31' })).then([plannedEvent({ dueDate: '2026-12-31' })]);
  });

  it('refuses an unknown exception as NOT_FOUND', () => {
    withException.when(plan({ exceptionId: 'exc-unknown' })).thenRefuses('EXCEPTION_NOT_FOUND');
    const unknown = plan({ exceptionId: 'exc-unknown' });
    expect(refusal(() => decide(unknown, withException.state, AT_NOW)).notFound).toBe(true);
  });

  it('refuses a closed exception', () => {
    withClosedException.when(plan()).thenRefuses('EXCEPTION_ALREADY_CLOSED');
  });

  it('refuses a due date that is not a day, or a plan without an owner', () => {
    withException.when(plan({ dueDate: 'next quarter' })).thenRefuses('INVALID_DATE');
    withException.when(plan({ owner: '' })).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses a plan effective before the exception was found', () => {
    const early = spec.given([
      { event: registered, effectiveAt: '2025-06-01T00:00:00.000Z' },
      reportReceived(),
      exceptionFound(),
    ]);
    early.when(plan(), { effectiveAt: '2026-01-01T00:00:00.000Z' }).thenRefuses('EFFECTIVE_BEFORE_EXCEPTION_FOUND');
  });
});

describe('CloseRemediation', () => {
  const close = (o: Partial<CommandOfType<'CloseRemediation'>['data']> = {}) =>
    command('CloseRemediation', {
      exceptionId: EXCEPTION_ID,
      resolution: 'Fixed',
      evidence: null,
      verifiedBy: 'internal.audit',
      ...o,
    });

  it('closes an open exception, also one whose risk was accepted', () => {
    withException.when(close()).then([remediationClosed()]);
    const accepted = event('RiskAccepted', {
      exceptionId: EXCEPTION_ID,
      acceptedBy: 'cro',
      rationale: 'Low impact',
      expiresAt: null,
    });
    spec.given([registered, reportReceived(), exceptionFound(), accepted]).when(close()).then([remediationClosed()]);
  });

  it('refuses an unknown exception, and a second closure', () => {
    withException.when(close({ exceptionId: 'exc-unknown' })).thenRefuses('EXCEPTION_NOT_FOUND');
    withClosedException.when(close()).thenRefuses('EXCEPTION_ALREADY_CLOSED');
  });

  it('refuses a closure without a resolution', () => {
    withException.when(close({ resolution: ' ' })).thenRefuses('FIELD_REQUIRED');
  });
});

describe('AcceptRisk', () => {
  const acceptance: RiskAcceptedData = {
    exceptionId: EXCEPTION_ID,
    acceptedBy: 'cro',
    rationale: 'Compensating CCTV review',
    expiresAt: '2026-12-31',
  };
  const accepted = (o: Partial<RiskAcceptedData> = {}) => event('RiskAccepted', { ...acceptance, ...o });
  const accept = (o: Partial<RiskAcceptedData> = {}) => command('AcceptRisk', { ...acceptance, ...o });

  it('accepts a risk until a date, for good, or with an acceptance already expired', () => {
    withException.when(accept()).then([accepted()]);
    withException.when(accept({ expiresAt: null })).then([accepted({ expiresAt: null })]);
    withException.when(accept({ expiresAt: '2026-03-31' })).then([accepted({ expiresAt: '2026-03-31' })]);
  });

  it('refuses an unknown exception, and a closed one', () => {
    withException.when(accept({ exceptionId: 'exc-unknown' })).thenRefuses('EXCEPTION_NOT_FOUND');
    withClosedException.when(accept()).thenRefuses('EXCEPTION_ALREADY_CLOSED');
  });

  it('refuses an expiry that is not a day, or an acceptance without a rationale', () => {
    withException.when(accept({ expiresAt: '2026-12-32' })).thenRefuses('INVALID_DATE');
    withException.when(accept({ rationale: '' })).thenRefuses('FIELD_REQUIRED');
  });
});
