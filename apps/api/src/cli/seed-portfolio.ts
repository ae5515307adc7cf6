import { addDays, addMonths } from '../../../../libs/oversight/src/domain/calendar';
import type { SeedDates } from './seed-dates';

export type Send = (mutation: string, input: Record<string, unknown>) => Promise<void>;

const AUDITOR = 'Baker & Lane LLP';

/** The demo portfolio: every status at least once, several years of history, a carve-out chain. */
export async function seedPortfolio(d: SeedDates, send: Send): Promise<void> {
  let n = 0;
  // Fixed commandIds make a re-run of the seed a no-op instead of a duplicate.
  const run = (mutation: string, input: Record<string, unknown>) => send(mutation, { commandId: `seed-${++n}`, ...input });
  const since = d.at(d.daysAgo(4 * 365));
  // A careful team vets the service auditor it relies on (AUDITOR_NOT_VETTED otherwise); a
  // commandId of its own, so that the organizations' commandIds stay as they were.
  await send('vetServiceAuditor', {
    commandId: 'seed-vetting-1', firm: AUDITOR, licence: 'CPA-0421', peerReviewRating: 'PASS', peerReviewDate: d.daysAgo(4 * 365 + 60), effectiveAt: since,
  });
  const org = (id: string, name: string, role: string, category: string, criticality: string, extra: Record<string, unknown> = {}) =>
    run('registerOrganization', { id, name, role, category, criticality, owner: 'Vendor Risk Office', effectiveAt: since, ...extra });

  /** An accepted annual report (and its bridge when the fiscal year end lies beyond it). */
  const annualReport = async (organizationId: string, reportId: string, yearsBack: number, extra: Record<string, unknown> = {}) => {
    const p = d.period(yearsBack);
    await run('recordReportReceived', {
      organizationId, reportId, framework: 'SOC2', reportType: 'TYPE_2', ...p, opinionDate: d.at(p.periodEnd, 30).slice(0, 10),
      serviceAuditor: AUDITOR, opinion: 'UNMODIFIED', criteria: ['SECURITY', 'AVAILABILITY'], managementAssertionIncluded: true,
      controlsTested: ['CC6.1', 'CC6.4', 'CC7.2', 'A1.2'], effectiveAt: d.at(p.periodEnd, 35), ...extra,
    });
    await run('concludeReportReview', { organizationId, reportId, decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: d.at(p.periodEnd, 40) });
    const bridge = yearsBack === 0 ? d.bridgeFor(p.periodEnd) : null;
    if (bridge) await run('recordBridgeLetter', { organizationId, reportId, letterId: `${reportId}-bridge`, ...bridge, ...signed, effectiveAt: d.at(d.today) });
    return p;
  };
  // A careful team obtains a complete bridge letter: signed, dated, stating no other material changes.
  const signed = { signedBy: 'Chief Financial Officer of the vendor', issuedOn: d.today, noOtherChangesStated: true };
  /** The prior year's report as well, so that audited periods cover the whole fiscal year (v2 overlap rule). */
  const twoYears = async (organizationId: string, prefix: string, extra: Record<string, unknown> = {}) => {
    await annualReport(organizationId, `${prefix}-1`, 1, extra);
    return annualReport(organizationId, `${prefix}-0`, 0, extra);
  };
  /** A CUEC we operate, mapped and tested effective. */
  const cuecTested = async (organizationId: string, reportId: string, cuecRef: string, internalControlRef: string, at: string) => {
    await run('mapCuec', { organizationId, reportId, cuecRef, internalControlRef, state: 'IMPLEMENTED', effectiveAt: at });
    await run('recordCuecTest', { organizationId, reportId, cuecRef, testedOn: at.slice(0, 10), result: 'EFFECTIVE', effectiveAt: at });
  };

  // A payroll SaaS that carves out its data center.
  await org('payflow-payroll', 'PayFlow Payroll', 'VENDOR', 'PAYROLL', 'CRITICAL', { services: ['payroll', 'tax filing'] });
  await org('eastbay-colocation', 'Eastbay Colocation', 'SUBSERVICE', 'DATA_CENTER_COLOCATION', 'CRITICAL', {
    parentOrganizationId: 'payflow-payroll', inclusionMethod: 'CARVE_OUT', services: ['colocation'],
  });
  await run('setAssurancePolicy', { organizationId: 'eastbay-colocation', requiredFramework: 'SOC2', requiredReportType: 'TYPE_2', requiredCriteria: ['SECURITY', 'AVAILABILITY'], effectiveAt: since });
  await run('registerSite', { organizationId: 'eastbay-colocation', siteId: 'oak-1', name: 'Oakland DC1', country: 'US', city: 'Oakland', effectiveAt: since });
  await run('defineExpectedControls', {
    organizationId: 'eastbay-colocation', effectiveAt: since,
    controls: [
      { ref: 'CC6.4', description: 'Physical access to facilities is restricted', domain: 'Physical security', risk: 'CRITICAL' },
      { ref: 'A1.2', description: 'Environmental protections, backup power and recovery infrastructure', domain: 'Availability', risk: 'HIGH' },
    ],
  });
  for (const back of [2, 1]) await annualReport('eastbay-colocation', `eastbay-soc2-${back}`, back, { servicesCovered: ['colocation'], sitesCovered: ['oak-1'] });
  const old = d.period(1);
  await run('recordException', {
    organizationId: 'eastbay-colocation', exceptionId: 'eastbay-exc-badges', source: 'REPORT', reportId: 'eastbay-soc2-1', controlRef: 'CC6.4',
    criteriaRef: 'CC6.4', kind: 'OPERATING', severity: 'HIGH', description: 'Badge deactivation exceeded 24 hours for 2 of 25 leavers',
    managementResponse: 'Automated deprovisioning from HR feed', effectiveAt: d.at(old.periodEnd, 45),
  });
  await run('planRemediation', { organizationId: 'eastbay-colocation', exceptionId: 'eastbay-exc-badges', owner: 'Infrastructure vendor manager', plan: 'Confirm automated deprovisioning on a new sample', dueDate: d.at(old.periodEnd, 120).slice(0, 10), effectiveAt: d.at(old.periodEnd, 46) });
  await run('evaluateException', { organizationId: 'eastbay-colocation', exceptionId: 'eastbay-exc-badges', impact: 'COMPENSATED', rationale: 'Our quarterly badge list review (CUEC-1) would catch a leaver', compensatingControlRef: 'IAM-07', effectiveAt: d.at(old.periodEnd, 50) });
  await run('closeRemediation', { organizationId: 'eastbay-colocation', exceptionId: 'eastbay-exc-badges', resolution: 'Sample of 25 leavers all deprovisioned within 4 hours', verifiedBy: 'Dana Ruiz', effectiveAt: d.at(old.periodEnd, 110) });
  await annualReport('eastbay-colocation', 'eastbay-soc2-0', 0, { cuecs: [{ ref: 'CUEC-1', description: 'Customers review badge access lists quarterly' }], servicesCovered: ['colocation'], sitesCovered: ['oak-1'] });
  await cuecTested('eastbay-colocation', 'eastbay-soc2-0', 'CUEC-1', 'IAM-07', d.at(d.today));
  await run('recordPhysicalEnvironmentalValidation', {
    organizationId: 'eastbay-colocation', siteId: 'oak-1', method: 'SITE_VISIT', result: 'EFFECTIVE', validatedOn: d.daysAgo(60),
    areas: ['PHYSICAL_ACCESS', 'VISITOR_MANAGEMENT', 'CCTV', 'FIRE_DETECTION_SUPPRESSION', 'POWER_UPS_GENERATOR', 'COOLING', 'ENVIRONMENTAL_MONITORING'],
    notes: 'Annual site visit: generator test log and visitor register sampled', effectiveAt: d.at(d.daysAgo(60)),
  });
  const payroll = d.period(0);
  for (const back of [1, 0]) {
    const p = d.period(back);
    const reportId = `payflow-soc1-${back}`;
    await run('recordReportReceived', {
      organizationId: 'payflow-payroll', reportId, framework: 'SOC1', frameworks: ['ISAE3402'], reportType: 'TYPE_2', ...p,
      opinionDate: d.at(p.periodEnd, 30).slice(0, 10), managementAssertionIncluded: true, serviceAuditor: AUDITOR, opinion: 'UNMODIFIED',
      controlObjectives: ['Payroll changes are authorised', 'Payments are complete and accurate'], servicesCovered: ['payroll', 'tax filing'],
      cuecs: [{ ref: 'CUEC-P1', description: 'Customer approves payroll registers before release' }],
      subserviceOrganizations: [{ name: 'Eastbay Colocation', method: 'CARVE_OUT', csocs: [{ ref: 'CSOC-1', text: 'Physical access to the hosting facility is restricted and reviewed' }] }],
      effectiveAt: d.at(p.periodEnd, 35),
    });
    await run('concludeReportReview', { organizationId: 'payflow-payroll', reportId, decision: 'ACCEPTED', reviewer: 'Sam Okafor', effectiveAt: d.at(p.periodEnd, 40) });
  }
  await cuecTested('payflow-payroll', 'payflow-soc1-0', 'CUEC-P1', 'FIN-12', d.at(payroll.periodEnd, 41));
  await run('recordBridgeLetter', { organizationId: 'payflow-payroll', reportId: 'payflow-soc1-0', letterId: 'payflow-bridge', ...(d.bridgeFor(payroll.periodEnd) ?? { coversFrom: payroll.periodEnd, coversTo: d.at(payroll.periodEnd, 30).slice(0, 10) }), materialChanges: null, ...signed, effectiveAt: d.at(d.today) });
  // The next report a year on: it reaches the coming fiscal year end, so no FISCAL_YEAR_END_AT_RISK.
  const nextEnd = addMonths(payroll.periodEnd, 12);
  await run('recordNextReportExpected', { organizationId: 'payflow-payroll', periodEnd: nextEnd, deliveryBy: addDays(nextEnd, 45), effectiveAt: d.at(d.today) });

  // A cloud host with a qualified opinion.
  await org('harbor-cloud', 'Harbor Cloud', 'VENDOR', 'CLOUD_HOSTING', 'CRITICAL', { services: ['IaaS'] });
  await annualReport('harbor-cloud', 'harbor-soc2-1', 1, { servicesCovered: ['IaaS'] });
  await annualReport('harbor-cloud', 'harbor-soc2-0', 0, { opinion: 'QUALIFIED', qualifiedAreas: ['A1.2'], qualificationBasis: 'Backup restoration tests were not performed in two quarters', servicesCovered: ['IaaS'] });
  await run('recordOperationalControlsValidation', { organizationId: 'harbor-cloud', areas: ['LOGICAL_ACCESS', 'SECURITY_MONITORING', 'CHANGE_MANAGEMENT'], method: 'REMOTE_EVIDENCE', result: 'EFFECTIVE', validatedOn: d.daysAgo(20), effectiveAt: d.at(d.daysAgo(20)) });

  // A data center whose last report lapsed long ago.
  await org('northgate-data-centers', 'Northgate Data Centers', 'SUBSERVICE', 'DATA_CENTER_COLOCATION', 'HIGH', { parentOrganizationId: 'harbor-cloud', inclusionMethod: 'CARVE_OUT' });
  await annualReport('northgate-data-centers', 'northgate-soc2-2', 2);

  // A managed service provider with an adverse opinion.
  await org('summit-managed-services', 'Summit Managed Services', 'VENDOR', 'MANAGED_SERVICE', 'HIGH');
  await twoYears('summit-managed-services', 'summit-soc2', { opinion: 'ADVERSE' });

  // A hosting provider with a critical exception past its due date.
  await org('vertex-hosting', 'Vertex Hosting', 'VENDOR', 'CLOUD_HOSTING', 'CRITICAL');
  await twoYears('vertex-hosting', 'vertex-soc2');
  await run('recordException', { organizationId: 'vertex-hosting', exceptionId: 'vertex-exc-mfa', source: 'INCIDENT', controlRef: 'CC6.1', kind: 'OPERATING', severity: 'CRITICAL', description: 'MFA not enforced on the administrative console', effectiveAt: d.at(d.daysAgo(50)) });
  await run('planRemediation', { organizationId: 'vertex-hosting', exceptionId: 'vertex-exc-mfa', owner: 'Cloud vendor manager', plan: 'Enforce MFA for all administrators', dueDate: d.daysAgo(20), effectiveAt: d.at(d.daysAgo(49)) });

  // A payments provider that sent a Type 1 where a Type 2 is required.
  await org('cobalt-payments', 'Cobalt Payments', 'VENDOR', 'PAYMENTS', 'CRITICAL');
  await run('setAssurancePolicy', { organizationId: 'cobalt-payments', requiredReportType: 'TYPE_2', effectiveAt: since });
  await run('recordReportReceived', { organizationId: 'cobalt-payments', reportId: 'cobalt-soc1-t1', framework: 'SOC1', reportType: 'TYPE_1', asOfDate: d.currentEnd, opinionDate: d.at(d.currentEnd, 15).slice(0, 10), managementAssertionIncluded: true, serviceAuditor: AUDITOR, opinion: 'UNMODIFIED', effectiveAt: d.at(d.currentEnd, 20) });
  await run('concludeReportReview', { organizationId: 'cobalt-payments', reportId: 'cobalt-soc1-t1', decision: 'ACCEPTED_WITH_CONDITIONS', reviewer: 'Sam Okafor', conditions: ['Type 2 report due next cycle'], effectiveAt: d.at(d.currentEnd, 25) });

  // A data center whose report expires within the next 60 days.
  await org('lakeside-colocation', 'Lakeside Colocation', 'SUBSERVICE', 'DATA_CENTER_COLOCATION', 'MEDIUM');
  // Expiring in 30 days on any day; its 5-month period (under the policy's 6) keeps it a
  // COVERAGE_GAP whether or not the period happens to reach the fiscal year end that day.
  const lakeEnd = d.daysAgo(365 - 30);
  await run('recordReportReceived', { organizationId: 'lakeside-colocation', reportId: 'lakeside-soc2', framework: 'SOC2', reportType: 'TYPE_2', periodStart: addDays(addMonths(lakeEnd, -5), 1), periodEnd: lakeEnd, opinionDate: d.at(lakeEnd, 25).slice(0, 10), managementAssertionIncluded: true, serviceAuditor: AUDITOR, opinion: 'UNMODIFIED', criteria: ['SECURITY'], effectiveAt: d.at(lakeEnd, 30) });
  await run('concludeReportReview', { organizationId: 'lakeside-colocation', reportId: 'lakeside-soc2', decision: 'ACCEPTED', reviewer: 'Dana Ruiz', effectiveAt: d.at(lakeEnd, 31) });

  // A SaaS whose first report awaits review.
  await org('ledgerly-saas', 'Ledgerly', 'VENDOR', 'SAAS', 'MEDIUM', { services: ['expense management'] });
  await run('recordReportReceived', { organizationId: 'ledgerly-saas', reportId: 'ledgerly-soc2-0', framework: 'SOC2', reportType: 'TYPE_2', ...d.period(0), serviceAuditor: AUDITOR, opinion: 'UNMODIFIED', criteria: ['SECURITY', 'CONFIDENTIALITY'], effectiveAt: d.at(d.today) });

  // A former backup vendor.
  await org('meridian-backup', 'Meridian Backup', 'VENDOR', 'MANAGED_SERVICE', 'LOW');
  await annualReport('meridian-backup', 'meridian-soc2-1', 1);
  await run('offboardOrganization', { organizationId: 'meridian-backup', reason: 'Contract ended; data return certified', effectiveAt: d.at(d.daysAgo(90)) });
}
