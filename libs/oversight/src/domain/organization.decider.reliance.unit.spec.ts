import { deciderSpec } from '../../../testing/src';
import { organizationDecider } from './organization.decider';
import {
  bridgeLetter,
  command,
  event,
  exception,
  exceptionFound,
  registeredDataCenter,
  remediationClosed,
  REPORT_ID,
  reportReceived,
  soc2Type2,
} from './organization.fixtures';
import type { RecordedOversightEvent } from './oversight.events';

/** Refusals and new facts of reliance rules version 2 (DESIGN §3 v2), each on both sides. */
const spec = deciderSpec(
  organizationDecider,
  (e, eventId, effectiveAt): RecordedOversightEvent => ({ ...e, eventId, effectiveAt, recordedAt: effectiveAt }),
);
const registered = registeredDataCenter();
const org = spec.given([registered]);
const withReport = spec.given([registered, reportReceived()]);
const receive = (o: Parameters<typeof soc2Type2>[0]) => command('RecordReportReceived', soc2Type2(o));
const accept = (decision: 'ACCEPTED' | 'ACCEPTED_WITH_CONDITIONS' | 'REJECTED' = 'ACCEPTED') =>
  command('ConcludeReportReview', {
    reportId: REPORT_ID,
    decision,
    reviewer: 'grc.analyst',
    conditions: decision === 'ACCEPTED_WITH_CONDITIONS' ? ['map CUECs'] : [],
    notes: null,
  });

describe('RecordReportReceived (v2)', () => {
  it('SOC2_REQUIRES_SECURITY: a SOC 2 without SECURITY is refused, with it recorded', () => {
    org.when(receive({ criteria: ['AVAILABILITY'] })).thenRefuses('SOC2_REQUIRES_SECURITY');
    org.when(receive({ criteria: ['SECURITY'] })).then([event('AssuranceReportReceived', soc2Type2({ criteria: ['SECURITY'] }))]);
  });

  it('a dual-standard report lists every framework, the primary first; a SOC 2 among them needs SECURITY', () => {
    const dual = { framework: 'SOC1' as const, frameworks: ['ISAE3402' as const], criteria: [] };
    org.when(receive(dual)).then([event('AssuranceReportReceived', soc2Type2({ ...dual, frameworks: ['SOC1', 'ISAE3402'] }))]);
    org.when(receive({ framework: 'SOC1', frameworks: ['SOC2'], criteria: ['PRIVACY'] })).thenRefuses('SOC2_REQUIRES_SECURITY');
    org.when(receive({ frameworks: ['SOC2', 'SOC2'] })).thenRefuses('DUPLICATE_FRAMEWORK');
  });

  it('qualified areas belong to a QUALIFIED opinion only', () => {
    org.when(receive({ qualifiedAreas: ['CC6.1'] })).thenRefuses('QUALIFIED_AREAS_ONLY_FOR_QUALIFIED');
    const q = { opinion: 'QUALIFIED' as const, qualifiedAreas: ['CC6.1'], qualificationBasis: 'access reviews' };
    org.when(receive(q)).then([event('AssuranceReportReceived', soc2Type2(q))]);
  });

  it('CSOCs need a ref and a text', () => {
    const sub = (ref: string) => ({ subserviceOrganizations: [{ name: 'DC', method: 'CARVE_OUT' as const, csocs: [{ ref, text: 'badges' }] }] });
    org.when(receive(sub(' '))).thenRefuses('FIELD_REQUIRED');
    org.when(receive(sub('CSOC-1'))).then([event('AssuranceReportReceived', soc2Type2(sub('CSOC-1')))]);
  });
});

describe('ConcludeReportReview (v2): REPORT_INCOMPLETE_FOR_ACCEPTANCE and QUALIFIED_AREAS_REQUIRED', () => {
  it.each(['ACCEPTED', 'ACCEPTED_WITH_CONDITIONS'] as const)('%s needs the opinion date and management assertion', (decision) => {
    spec.given([registered, reportReceived({ opinionDate: null })]).when(accept(decision)).thenRefuses('REPORT_INCOMPLETE_FOR_ACCEPTANCE');
    spec.given([registered, reportReceived({ managementAssertionIncluded: false })]).when(accept(decision)).thenRefuses('REPORT_INCOMPLETE_FOR_ACCEPTANCE');
    // A v1 event has no assertion field at all: treated as missing.
    spec.given([registered, reportReceived({ managementAssertionIncluded: undefined })]).when(accept(decision)).thenRefuses('REPORT_INCOMPLETE_FOR_ACCEPTANCE');
    withReport.when(accept(decision)).then([event('ReportReviewConcluded', accept(decision).data)]);
  });

  it('a REJECTED review needs neither', () => {
    spec.given([registered, reportReceived({ opinionDate: null, managementAssertionIncluded: false })])
      .when(accept('REJECTED'))
      .then([event('ReportReviewConcluded', accept('REJECTED').data)]);
  });

  it('a QUALIFIED report is accepted only with its qualified areas and basis', () => {
    const q = (o: object) => spec.given([registered, reportReceived({ opinion: 'QUALIFIED', ...o })]).when(accept());
    q({}).thenRefuses('QUALIFIED_AREAS_REQUIRED');
    q({ qualifiedAreas: ['CC6.1'] }).thenRefuses('QUALIFIED_AREAS_REQUIRED');
    q({ qualificationBasis: 'access reviews' }).thenRefuses('QUALIFIED_AREAS_REQUIRED');
    q({ qualifiedAreas: ['CC6.1'], qualificationBasis: 'access reviews' }).then([event('ReportReviewConcluded', accept().data)]);
  });
});

describe('RecordBridgeLetter (v2)', () => {
  it('records the signature fields; refuses an empty signer or a bad date', () => {
    const signed = bridgeLetter({ signedBy: 'CFO', issuedOn: '2026-04-02', noOtherChangesStated: true });
    withReport.when(command('RecordBridgeLetter', signed)).then([event('BridgeLetterReceived', signed)]);
    withReport.when(command('RecordBridgeLetter', { ...signed, signedBy: ' ' })).thenRefuses('FIELD_REQUIRED');
    withReport.when(command('RecordBridgeLetter', { ...signed, issuedOn: '2026-02-30' })).thenRefuses('INVALID_DATE');
  });
});

describe('ConcludeBridgeLetterReview', () => {
  const letter = event('BridgeLetterReceived', bridgeLetter());
  const review = (decision: 'ACCEPTED' | 'REJECTED', reviewer = 'grc.analyst') =>
    command('ConcludeBridgeLetterReview', { letterId: 'bl-2026-q1', decision, reviewer, notes: null });
  it('concludes a review of a recorded letter, and again when it changes', () => {
    spec.given([registered, reportReceived(), letter]).when(review('REJECTED')).then([event('BridgeLetterReviewConcluded', review('REJECTED').data)]);
    spec.given([registered, reportReceived(), letter, event('BridgeLetterReviewConcluded', review('REJECTED').data)])
      .when(review('ACCEPTED'))
      .then([event('BridgeLetterReviewConcluded', review('ACCEPTED').data)]);
  });
  it('refuses an unknown letter, a blank reviewer, an identical repeat', () => {
    withReport.when(review('ACCEPTED')).thenRefuses('BRIDGE_LETTER_NOT_FOUND');
    spec.given([registered, reportReceived(), letter]).when(review('ACCEPTED', ' ')).thenRefuses('FIELD_REQUIRED');
    spec.given([registered, reportReceived(), letter, event('BridgeLetterReviewConcluded', review('ACCEPTED').data)])
      .when(review('ACCEPTED'))
      .thenRefuses('REVIEW_UNCHANGED');
  });
});

describe('EvaluateException', () => {
  const evaluate = (impact: 'NONE' | 'COMPENSATED' | 'RELIANCE_REDUCED', ref: string | null = null) =>
    command('EvaluateException', { exceptionId: exception().exceptionId, impact, rationale: 'assessed', compensatingControlRef: ref });
  const withException = spec.given([registered, reportReceived(), exceptionFound()]);
  it('records NONE and RELIANCE_REDUCED without a control, COMPENSATED with one', () => {
    withException.when(evaluate('NONE')).then([event('ExceptionEvaluated', evaluate('NONE').data)]);
    withException.when(evaluate('RELIANCE_REDUCED')).then([event('ExceptionEvaluated', evaluate('RELIANCE_REDUCED').data)]);
    withException.when(evaluate('COMPENSATED', 'HR-12')).then([event('ExceptionEvaluated', evaluate('COMPENSATED', 'HR-12').data)]);
  });
  it('refuses a COMPENSATED without our control, a control on any other impact, an unknown exception', () => {
    withException.when(evaluate('COMPENSATED')).thenRefuses('COMPENSATING_CONTROL_REQUIRED');
    withException.when(evaluate('COMPENSATED', ' ')).thenRefuses('COMPENSATING_CONTROL_REQUIRED');
    withException.when(evaluate('NONE', 'HR-12')).thenRefuses('COMPENSATING_CONTROL_NOT_ALLOWED');
    withReport.when(evaluate('NONE')).thenRefuses('EXCEPTION_NOT_FOUND');
  });
  it('evaluates a closed exception too: a deviation in the period matters after its fix', () => {
    spec.given([registered, reportReceived(), exceptionFound(), remediationClosed()])
      .when(evaluate('NONE'))
      .then([event('ExceptionEvaluated', evaluate('NONE').data)]);
  });
});

describe('RecordException (v2): sample and deviations', () => {
  const record = (sampleSize: number | null, deviations: number | null) =>
    command('RecordException', exception({ sampleSize, deviations }));
  it('accepts deviations up to the sample size, refuses one more', () => {
    withReport.when(record(25, 25)).then([event('ExceptionFound', exception({ sampleSize: 25, deviations: 25 }))]);
    withReport.when(record(25, 26)).thenRefuses('DEVIATIONS_EXCEED_SAMPLE');
  });
  it('refuses a sample below 1 or negative deviations; either may be unknown', () => {
    withReport.when(record(0, null)).thenRefuses('INVALID_SAMPLE_SIZE');
    withReport.when(record(1, null)).then([event('ExceptionFound', exception({ sampleSize: 1, deviations: null }))]);
    withReport.when(record(null, -1)).thenRefuses('INVALID_DEVIATIONS');
    withReport.when(record(null, 0)).then([event('ExceptionFound', exception({ sampleSize: null, deviations: 0 }))]);
  });
});

describe('RecordCuecTest', () => {
  const test = (o: object = {}) =>
    command('RecordCuecTest', { reportId: REPORT_ID, cuecRef: 'CUEC-1', testedOn: '2026-01-15', result: 'EFFECTIVE' as const, ...o });
  it('records a test of a CUEC the report lists, dated up to the effective day', () => {
    const onThe15th = { effectiveAt: '2026-01-15T12:00:00.000Z' };
    withReport.when(test(), onThe15th).then([event('CuecTested', test().data)]);
    withReport.when(test({ testedOn: '2026-01-16' }), onThe15th).thenRefuses('TESTED_ON_IN_FUTURE');
  });
  it('refuses a CUEC the report does not list, an unknown report, a bad date', () => {
    withReport.when(test({ cuecRef: 'CUEC-9' })).thenRefuses('CUEC_NOT_IN_REPORT');
    withReport.when(test({ reportId: 'nope' })).thenRefuses('REPORT_NOT_FOUND');
    withReport.when(test({ testedOn: '2026-13-01' })).thenRefuses('INVALID_DATE');
  });
});

describe('RecordNextReportExpected', () => {
  const next = (periodEnd: string, deliveryBy: string) => command('RecordNextReportExpected', { periodEnd, deliveryBy });
  it('delivery on or after the period end; not before', () => {
    org.when(next('2026-09-30', '2026-09-30')).then([event('NextReportExpected', next('2026-09-30', '2026-09-30').data)]);
    org.when(next('2026-09-30', '2026-09-29')).thenRefuses('DELIVERY_BEFORE_PERIOD_END');
    org.when(next('2026-09-31', '2026-10-30')).thenRefuses('INVALID_DATE');
  });
});

describe('SetAssurancePolicy (v2)', () => {
  const policy = (p: object) => command('SetAssurancePolicy', p);
  it('criteria belong to a TSC requirement', () => {
    org.when(policy({ requirements: [{ family: 'ICFR', reportType: 'TYPE_2', criteria: ['SECURITY'] }] })).thenRefuses('CRITERIA_REQUIRE_TSC');
    org.when(policy({ requirements: [{ family: null, reportType: 'TYPE_2', criteria: ['SECURITY'] }] })).thenRefuses('CRITERIA_REQUIRE_TSC');
    const ok = spec.given([registered]);
    expect(() => organizationDecider.decide(policy({ requirements: [{ family: 'TSC', reportType: 'TYPE_2', criteria: ['SECURITY'] }] }), ok.state, { now: '2026-06-30T12:00:00.000Z', effectiveAt: '2026-06-30T12:00:00.000Z' })).not.toThrow();
  });
  it.each([
    ['minFiscalYearOverlapMonths', 12, 13],
    ['criticalPlanningGraceDays', 365, 366],
    ['exceptionEvaluationDays', 0, -1],
    ['cuecTestMonths', 1, 0],
  ])('%s: %s is accepted, %s is out of range', (name, ok, bad) => {
    const state = spec.given([registered]).state;
    const at = { now: '2026-06-30T12:00:00.000Z', effectiveAt: '2026-06-30T12:00:00.000Z' };
    expect(organizationDecider.decide(policy({ [name]: ok }), state, at)[0]?.data).toMatchObject({ [name]: ok });
    org.when(policy({ [name]: bad })).thenRefuses('POLICY_PARAMETER_OUT_OF_RANGE');
  });
  it('needs at least one accepted validation method, no duplicates, a real acceptType1Until', () => {
    org.when(policy({ acceptedValidationMethods: [] })).thenRefuses('VALIDATION_METHODS_REQUIRED');
    org.when(policy({ dataClasses: ['PERSONAL', 'PERSONAL'] })).thenRefuses('DUPLICATE_DATA_CLASS');
    org.when(policy({ acceptType1Until: '2026-02-30' })).thenRefuses('INVALID_DATE');
  });
});
