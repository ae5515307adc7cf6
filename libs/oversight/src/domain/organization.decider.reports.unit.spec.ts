import { deciderSpec, SPEC_NOW } from '../../../testing/src';
import { decide, organizationDecider } from './organization.decider';
import {
  bridgeLetter,
  command,
  event,
  REPORT_ID,
  refusal,
  registeredDataCenter,
  reportReceived,
  reportWithdrawn,
  review,
  reviewConcluded,
  SITE_ID,
  siteRegistered,
  soc1Type1,
  soc2Type2,
} from './organization.fixtures';
import type { CommandOfType } from './oversight.commands';
import type {
  AssuranceReportReceivedData,
  RecordedOversightEvent,
  ReportReviewConcludedData,
} from './oversight.events';

type MapCuecData = CommandOfType<'MapCuec'>['data'];

const spec = deciderSpec(
  organizationDecider,
  (e, eventId, effectiveAt): RecordedOversightEvent => ({ ...e, eventId, effectiveAt, recordedAt: effectiveAt }),
);
const registered = registeredDataCenter();
const AT_NOW = { now: SPEC_NOW, effectiveAt: SPEC_NOW };
/** A data center with its SOC 2 Type 2 report for 2025, received on 2026-01-15. */
const withReport = spec.given([registered, reportReceived()]);
const withdrawn = spec.given([registered, reportReceived(), reportWithdrawn()]);
/** The same, registered long before, so that only the report's own time can be the one violated. */
const withEarlyRegistration = spec.given([
  { event: registered, effectiveAt: '2025-06-01T00:00:00.000Z' },
  reportReceived(),
]);
const BEFORE_RECEIPT = { effectiveAt: '2026-01-15T08:59:59.000Z' };

describe('RecordReportReceived', () => {
  const org = spec.given([registered, siteRegistered()]);
  const receive = (o: Partial<AssuranceReportReceivedData> = {}) => command('RecordReportReceived', soc2Type2(o));

  it('records a SOC 2 Type 2 report covering a registered site', () => {
    org.when(receive({ sitesCovered: [SITE_ID] })).then([reportReceived({ sitesCovered: [SITE_ID] })]);
  });

  it('records a SOC 1 Type 1 report and a SOC 3 report with criteria', () => {
    org.when(command('RecordReportReceived', soc1Type1())).then([event('AssuranceReportReceived', soc1Type1())]);
    org.when(receive({ framework: 'SOC3' })).then([reportReceived({ framework: 'SOC3' })]);
  });

  it('refuses a report id already received', () => {
    withReport.when(receive({ documentSha256: null })).thenRefuses('REPORT_ALREADY_RECEIVED');
  });

  it('refuses a Type 2 without its period, or with an as-of date', () => {
    org.when(receive({ periodEnd: null })).thenRefuses('TYPE_2_REQUIRES_PERIOD');
    org.when(receive({ periodStart: null })).thenRefuses('TYPE_2_REQUIRES_PERIOD');
    org.when(receive({ asOfDate: '2025-12-31' })).thenRefuses('TYPE_2_CANNOT_HAVE_AS_OF_DATE');
  });

  it('refuses a Type 1 without an as-of date, or with a period', () => {
    const type1 = (o: Partial<AssuranceReportReceivedData>) => command('RecordReportReceived', soc1Type1(o));
    org.when(type1({ asOfDate: null })).thenRefuses('TYPE_1_REQUIRES_AS_OF_DATE');
    org.when(type1({ periodStart: '2025-01-01', periodEnd: '2025-09-30' })).thenRefuses('TYPE_1_CANNOT_HAVE_PERIOD');
  });

  it('refuses a period that ends before it starts, and accepts a one-day period', () => {
    org.when(receive({ periodStart: '2025-12-31', periodEnd: '2025-12-30' })).thenRefuses('PERIOD_END_BEFORE_START');
    const oneDay = { periodStart: '2025-12-31', periodEnd: '2025-12-31' };
    org.when(receive(oneDay)).then([reportReceived(oneDay)]);
  });

  it('refuses dates that are not calendar days, naming the field', () => {
    org.when(receive({ periodStart: '2025-02-30' })).thenRefuses('INVALID_DATE');
    org.when(receive({ opinionDate: '2026-1-10' })).thenRefuses('INVALID_DATE');
    org.when(command('RecordReportReceived', soc1Type1({ asOfDate: '30/09/2025' }))).thenRefuses('INVALID_DATE');
    const error = refusal(() => decide(receive({ periodEnd: '2025-13-01' }), org.state, AT_NOW));
    expect(error.message).toBe('INVALID_DATE: periodEnd "2025-13-01" is not a valid YYYY-MM-DD date');
  });

  it('refuses coverage of days after the effective day, even when now is later', () => {
    org.when(receive({ periodEnd: '2026-07-01', opinionDate: null })).thenRefuses('COVERAGE_IN_FUTURE');
    const backdated = { effectiveAt: '2026-03-31T10:00:00.000Z' };
    const q1 = { periodStart: '2025-04-01', periodEnd: '2026-03-31', opinionDate: null };
    org.when(receive(q1), backdated).then([reportReceived(q1)]);
    org.when(receive({ ...q1, periodEnd: '2026-04-01' }), backdated).thenRefuses('COVERAGE_IN_FUTURE');
  });

  it('refuses an opinion dated before the coverage end or after the effective day', () => {
    org.when(receive({ opinionDate: '2025-12-30' })).thenRefuses('OPINION_BEFORE_COVERAGE_END');
    org.when(receive({ opinionDate: '2025-12-31' })).then([reportReceived({ opinionDate: '2025-12-31' })]);
    org.when(receive({ opinionDate: '2026-07-01' })).thenRefuses('OPINION_DATE_IN_FUTURE');
  });

  it('refuses a SOC 2 report without criteria, and criteria outside SOC 2 / SOC 3', () => {
    org.when(receive({ criteria: [] })).thenRefuses('SOC2_REQUIRES_CRITERIA');
    org.when(receive({ framework: 'ISAE3402' })).thenRefuses('CRITERIA_ONLY_FOR_SOC2_SOC3');
    const soc1WithCriteria = command('RecordReportReceived', soc1Type1({ criteria: ['SECURITY'] }));
    org.when(soc1WithCriteria).thenRefuses('CRITERIA_ONLY_FOR_SOC2_SOC3');
    org.when(receive({ criteria: ['SECURITY', 'SECURITY'] })).thenRefuses('DUPLICATE_CRITERION');
  });

  it('refuses a covered site that is not registered, as NOT_FOUND', () => {
    const unknownSite = receive({ sitesCovered: [SITE_ID, 'site-ams-9'] });
    org.when(unknownSite).thenRefuses('SITE_NOT_FOUND');
    expect(refusal(() => decide(unknownSite, org.state, AT_NOW)).notFound).toBe(true);
  });

  it('refuses a CUEC ref listed twice, or a CUEC without text', () => {
    const cuec = { ref: 'CUEC-1', description: 'Review access' };
    org.when(receive({ cuecs: [cuec, { ...cuec, description: 'Other' }] })).thenRefuses('DUPLICATE_CUEC_REF');
    org.when(receive({ cuecs: [{ ...cuec, description: ' ' }] })).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses a document hash that is not SHA-256', () => {
    org.when(receive({ documentSha256: 'abc123' })).thenRefuses('INVALID_SHA256');
    org.when(receive({ documentSha256: 'g'.repeat(64) })).thenRefuses('INVALID_SHA256');
    org.when(receive({ documentSha256: null })).then([reportReceived({ documentSha256: null })]);
  });

  it('refuses the same document as a second live report, but not after the first was withdrawn', () => {
    const twin = receive({ reportId: 'rep-twin', documentSha256: 'AB'.repeat(32) });
    withReport.when(twin).thenRefuses('REPORT_DOCUMENT_ALREADY_RECEIVED');
    withdrawn.when(twin).then([reportReceived({ reportId: 'rep-twin', documentSha256: 'AB'.repeat(32) })]);
  });

  it('refuses a report without its service auditor', () => {
    org.when(receive({ serviceAuditor: '' })).thenRefuses('FIELD_REQUIRED');
  });
});

describe('WithdrawReport', () => {
  const withdraw = (reportId = REPORT_ID) => command('WithdrawReport', { reportId, reason: 'Entered in error' });

  it('withdraws a received report', () => {
    withReport.when(withdraw()).then([reportWithdrawn()]);
  });

  it('refuses an unknown report as NOT_FOUND', () => {
    withReport.when(withdraw('rep-unknown')).thenRefuses('REPORT_NOT_FOUND');
    expect(refusal(() => decide(withdraw('rep-unknown'), withReport.state, AT_NOW)).notFound).toBe(true);
  });

  it('refuses a second withdrawal', () => {
    withdrawn.when(withdraw()).thenRefuses('REPORT_ALREADY_WITHDRAWN');
  });

  it('refuses a withdrawal without a reason', () => {
    withReport.when(command('WithdrawReport', { reportId: REPORT_ID, reason: '' })).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses a withdrawal effective before the report was received', () => {
    withEarlyRegistration.when(withdraw(), BEFORE_RECEIPT).thenRefuses('EFFECTIVE_BEFORE_REPORT_RECEIVED');
  });
});

describe('ConcludeReportReview', () => {
  const conclude = (o: Parameters<typeof review>[0] = {}) => command('ConcludeReportReview', review(o));
  const conditional: Partial<ReportReviewConcludedData> = {
    decision: 'ACCEPTED_WITH_CONDITIONS',
    conditions: ['Obtain a bridge letter'],
  };

  it('concludes a review', () => {
    withReport.when(conclude()).then([reviewConcluded()]);
    withReport.when(conclude({ ...conditional })).then([reviewConcluded({ ...conditional })]);
  });

  it('refuses a changed conclusion that does not say it supersedes the first (no silent override)', () => {
    const reviewed = spec.given([registered, reportReceived(), reviewConcluded()]);
    reviewed.when(conclude({ decision: 'REJECTED' })).thenRefuses('REVIEW_ALREADY_CONCLUDED');
    reviewed.when(conclude({ notes: 'Bridge letter received', reviewer: 'ciso' })).thenRefuses('REVIEW_ALREADY_CONCLUDED');
  });

  it('records a superseding review with the review it replaces and why', () => {
    const reviewed = spec.given([registered, reportReceived(), reviewConcluded()]);
    const why = 'The auditor withdrew its opinion on CC6.4';
    const rejected = command('ConcludeReportReview', { ...review({ decision: 'REJECTED' }), supersedesReview: true, supersessionReason: ` ${why} ` });
    const supersedes = { eventId: 'given-2', decision: 'ACCEPTED', reviewer: 'grc.analyst', concludedAt: '2026-01-15T09:00:00.000Z', reason: why } as const;
    reviewed.when(rejected).then([reviewConcluded({ decision: 'REJECTED', supersedes })]);
  });

  it('a superseding review needs a reason and an earlier review', () => {
    const reviewed = spec.given([registered, reportReceived(), reviewConcluded()]);
    const change = (reason: string | null) => command('ConcludeReportReview', { ...review({ decision: 'REJECTED' }), supersedesReview: true, supersessionReason: reason });
    reviewed.when(change(null)).thenRefuses('SUPERSESSION_REASON_REQUIRED');
    reviewed.when(change('  ')).thenRefuses('SUPERSESSION_REASON_REQUIRED');
    withReport.when(change('first review')).thenRefuses('NO_REVIEW_TO_SUPERSEDE');
  });

  it('refuses an identical repeat of the current conclusion, whatever the notes', () => {
    const reviewed = spec.given([registered, reportReceived(), reviewConcluded({ ...conditional })]);
    reviewed.when(conclude({ ...conditional, notes: 'Again' })).thenRefuses('REVIEW_UNCHANGED');
  });

  it('refuses a review of an unknown or withdrawn report', () => {
    withReport.when(conclude({ reportId: 'rep-unknown' })).thenRefuses('REPORT_NOT_FOUND');
    withdrawn.when(conclude()).thenRefuses('REPORT_WITHDRAWN');
  });

  it('refuses ACCEPTED_WITH_CONDITIONS without a condition', () => {
    withReport.when(conclude({ decision: 'ACCEPTED_WITH_CONDITIONS' })).thenRefuses('CONDITIONS_REQUIRED');
    withReport.when(conclude({ ...conditional, conditions: [''] })).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses conditions on a plain acceptance or a rejection', () => {
    withReport.when(conclude({ conditions: ['x'] })).thenRefuses('CONDITIONS_NOT_ALLOWED');
    withReport.when(conclude({ decision: 'REJECTED', conditions: ['x'] })).thenRefuses('CONDITIONS_NOT_ALLOWED');
  });

  it('refuses a review without a reviewer, or effective before the report was received', () => {
    withReport.when(conclude({ reviewer: ' ' })).thenRefuses('FIELD_REQUIRED');
    withEarlyRegistration.when(conclude(), BEFORE_RECEIPT).thenRefuses('EFFECTIVE_BEFORE_REPORT_RECEIVED');
  });
});

describe('RecordBridgeLetter', () => {
  const bridge = (o: Parameters<typeof bridgeLetter>[0] = {}) => command('RecordBridgeLetter', bridgeLetter(o));
  const bridged = (o: Parameters<typeof bridgeLetter>[0] = {}) => event('BridgeLetterReceived', bridgeLetter(o));

  it('records a letter starting the day after the coverage end, or on it', () => {
    withReport.when(bridge()).then([bridged()]);
    withReport.when(bridge({ coversFrom: '2025-12-31' })).then([bridged({ coversFrom: '2025-12-31' })]);
  });

  it('records a letter extending a Type 1 report from its as-of date', () => {
    const type1 = spec.given([registered, event('AssuranceReportReceived', soc1Type1())]);
    const letter = { reportId: 'rep-soc1-2025', coversFrom: '2025-10-01', coversTo: '2025-12-31' };
    type1.when(bridge(letter)).then([bridged(letter)]);
  });

  it('records a letter longer than the policy allows: the assessment, not the decider, ignores it', () => {
    withReport.when(bridge({ coversTo: '2026-06-30' })).then([bridged({ coversTo: '2026-06-30' })]);
  });

  it('refuses a letter id already recorded', () => {
    spec.given([registered, reportReceived(), bridged()]).when(bridge()).thenRefuses('BRIDGE_LETTER_ALREADY_RECORDED');
  });

  it('refuses a letter for an unknown or withdrawn report', () => {
    withReport.when(bridge({ reportId: 'rep-unknown' })).thenRefuses('REPORT_NOT_FOUND');
    withdrawn.when(bridge()).thenRefuses('REPORT_WITHDRAWN');
  });

  it('refuses a letter that does not start at the coverage end', () => {
    withReport.when(bridge({ coversFrom: '2026-01-02' })).thenRefuses('BRIDGE_MUST_START_AT_COVERAGE_END');
    withReport.when(bridge({ coversFrom: '2025-12-30' })).thenRefuses('BRIDGE_MUST_START_AT_COVERAGE_END');
  });

  it('refuses a letter that ends on or before its start', () => {
    withReport.when(bridge({ coversTo: '2025-12-31' })).thenRefuses('BRIDGE_END_BEFORE_START');
    withReport.when(bridge({ coversTo: '2026-01-01' })).thenRefuses('BRIDGE_END_BEFORE_START');
  });

  it('refuses dates that are not calendar days', () => {
    withReport.when(bridge({ coversTo: '2026-02-30' })).thenRefuses('INVALID_DATE');
  });
});

describe('MapCuec', () => {
  const cuecText = soc2Type2().cuecs[0]!.description;
  const mapping: MapCuecData = {
    reportId: REPORT_ID,
    cuecRef: 'CUEC-1',
    internalControlRef: 'IAM-07',
    state: 'IMPLEMENTED',
  };
  const map = (o: Partial<MapCuecData> = {}) => command('MapCuec', { ...mapping, ...o });
  const mapped = (o: Partial<MapCuecData> = {}) => event('CuecMapped', { ...mapping, cuecText, ...o });

  it('maps a CUEC to our control, carrying the CUEC text from the report', () => {
    withReport.when(map()).then([mapped()]);
    expect(cuecText).toBe('User entities review the list of persons with data center access.');
  });

  it('maps a CUEC as not applicable without a control', () => {
    const notApplicable = { state: 'NOT_APPLICABLE', internalControlRef: null } as const;
    withReport.when(map(notApplicable)).then([mapped(notApplicable)]);
  });

  it('re-maps a CUEC, but refuses an identical repeat', () => {
    const planned = spec.given([registered, reportReceived(), mapped({ state: 'PLANNED' })]);
    planned.when(map()).then([mapped()]);
    planned.when(map({ state: 'PLANNED' })).thenRefuses('CUEC_MAPPING_UNCHANGED');
  });

  it('refuses a mapping on an unknown or withdrawn report', () => {
    withReport.when(map({ reportId: 'rep-unknown' })).thenRefuses('REPORT_NOT_FOUND');
    withdrawn.when(map()).thenRefuses('REPORT_WITHDRAWN');
  });

  it('refuses a CUEC the report does not list', () => {
    withReport.when(map({ cuecRef: 'CUEC-9' })).thenRefuses('CUEC_NOT_IN_REPORT');
  });

  it('refuses IMPLEMENTED or PLANNED without our control ref', () => {
    withReport.when(map({ internalControlRef: null })).thenRefuses('CONTROL_REF_REQUIRED');
    withReport.when(map({ state: 'PLANNED', internalControlRef: ' ' })).thenRefuses('CONTROL_REF_REQUIRED');
  });
});
