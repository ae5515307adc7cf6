import { createHash } from 'node:crypto';
import type { EventStore } from '../../event-store/src/event-store.port';
import type { ManualClock } from '../../oversight/src/application/clock';
import type { Actor } from '../../oversight/src/application/event-envelope';
import { OversightCommandHandler, type CommandOutcome } from '../../oversight/src/application/handle-command';
import { uuidFromName } from '../../oversight/src/application/ids';
import { DEFAULT_POLICY } from '../../oversight/src/domain/assurance-policy';
import type { OversightCommand } from '../../oversight/src/domain/oversight.commands';
import type {
  AssuranceReportReceivedData,
  OrganizationRegisteredData,
} from '../../oversight/src/domain/oversight.events';
import type { AssuranceFlag, AssuranceStatus } from '../../oversight/src/domain/oversight.vocabulary';

/**
 * A realistic, deterministic oversight history for projection and query specs, recorded through
 * the real command path (OversightCommandHandler), so every event went through the decider.
 *
 * Nine organizations of one tenant, their facts spread from February 2024 to March 2026:
 * - payroll        Payroll Cloud Ltd: SOC 2 Type 2 accepted, a CUEC mapped, a carved-out data
 *                  center, one exception remediated and closed, one LOW exception overdue;
 * - dcFrankfurt    its carved-out data center: two yearly SOC 2 Type 2 reports, site visits;
 * - dcAmsterdam    a data center reaching the fiscal year end through a bridge letter, one
 *                  exception planned and closed;
 * - dcDublin       a data center whose report carries a QUALIFIED opinion (its exception is
 *                  risk-accepted);
 * - dcZurich       an INCLUSIVE subservice data center of `payments`, accepted with conditions;
 * - ledger         a SaaS vendor whose only accepted report was withdrawn; a new one awaits review;
 * - payments       an old SOC 1 Type 2 that has expired;
 * - cloud          a cloud host with an overdue CRITICAL exception and an untested expected control;
 * - helpdesk       a managed service, offboarded.
 *
 * Everything is fixed: command ids, event ids (derived from tenant and command id), the clock of
 * every command (the helper sets the ManualClock), organization ids (derived from the tenant),
 * so two recordings into two empty stores are identical, positions included.
 */

/** The moment the history ends; the ManualClock is left there. */
export const HISTORY_END = '2026-03-31T12:00:00.000Z';
export const HISTORY_END_DAY = '2026-03-31';

export const HISTORY_ORGANIZATIONS = [
  'payroll',
  'dcFrankfurt',
  'dcAmsterdam',
  'dcDublin',
  'dcZurich',
  'ledger',
  'payments',
  'cloud',
  'helpdesk',
] as const;
export type HistoryOrganization = (typeof HISTORY_ORGANIZATIONS)[number];
export type HistoryOrganizationIds = Record<HistoryOrganization, string>;

/** What `assess` says of each organization on HISTORY_END_DAY. */
export const HISTORY_STATUS_AT_END: Record<HistoryOrganization, { status: AssuranceStatus; flags: AssuranceFlag[] }> = {
  payroll: { status: 'ASSURED_WITH_EXCEPTIONS', flags: [] },
  dcFrankfurt: { status: 'ASSURED', flags: [] },
  dcAmsterdam: { status: 'ASSURED', flags: ['BRIDGED'] },
  dcDublin: { status: 'ASSURED_WITH_EXCEPTIONS', flags: [] },
  dcZurich: { status: 'ASSURED_WITH_EXCEPTIONS', flags: [] },
  ledger: { status: 'NO_ASSURANCE', flags: ['PENDING_REVIEW'] },
  payments: { status: 'EXPIRED', flags: [] },
  cloud: { status: 'NOT_ASSURED', flags: [] },
  helpdesk: { status: 'OFFBOARDED', flags: [] },
};

/** Exceptions recorded, per organization, with their state on HISTORY_END_DAY. */
export const HISTORY_EXCEPTIONS = {
  'exc-pay-1': { organization: 'payroll', severity: 'HIGH', open: false, overdue: false },
  'exc-pay-2': { organization: 'payroll', severity: 'LOW', open: true, overdue: true },
  'exc-ams-1': { organization: 'dcAmsterdam', severity: 'MEDIUM', open: false, overdue: false },
  'exc-dub-1': { organization: 'dcDublin', severity: 'MEDIUM', open: false, overdue: false },
  'exc-cloud-1': { organization: 'cloud', severity: 'CRITICAL', open: true, overdue: true },
} as const satisfies Record<string, { organization: HistoryOrganization; severity: string; open: boolean; overdue: boolean }>;

export interface HistoryStep {
  /** The server clock when the command is handled. */
  at: string;
  organization: HistoryOrganization;
  command: OversightCommand;
  /** Business time, when it differs from `at` (a fact entered late). */
  effectiveAt?: string;
}

export interface RecordOversightHistoryOptions {
  actor?: Actor;
  /**
   * Called after every command, e.g. to hand the event loop to a running projection so that
   * the events reach it in many small batches.
   */
  afterEach?: (step: HistoryStep, outcome: CommandOutcome, index: number) => void | Promise<void>;
}

export interface OversightHistory {
  tenantId: string;
  ids: HistoryOrganizationIds;
  /** Events appended per organization id (each stream's length). */
  eventCounts: Record<string, number>;
  /** Global position of the last event recorded. */
  lastPosition: bigint;
  commands: number;
  events: number;
}

/** The organization ids the history uses for a tenant: UUIDv5, so every tenant has its own. */
export function oversightHistoryIds(tenantId: string): HistoryOrganizationIds {
  return Object.fromEntries(
    HISTORY_ORGANIZATIONS.map((key) => [key, uuidFromName(`oversight-history:${tenantId}:${key}`)]),
  ) as HistoryOrganizationIds;
}

/** The commands of the history, in the order they are handled (chronological). */
export function oversightHistorySteps(tenantId: string): HistoryStep[] {
  const ids = oversightHistoryIds(tenantId);
  const steps: HistoryStep[] = [];
  const add = (at: string, organization: HistoryOrganization, command: OversightCommand, effectiveAt?: string) =>
    steps.push({ at: instant(at), organization, command, ...(effectiveAt ? { effectiveAt: instant(effectiveAt) } : {}) });

  // --- Registration (parents before their subservice organizations) ---
  const register = (key: HistoryOrganization, data: Omit<OrganizationRegisteredData, 'organizationId'>) =>
    add('2024-02-01T09:00', key, { type: 'RegisterOrganization', data: { organizationId: ids[key], ...data } });
  register('payroll', profile('Payroll Cloud Ltd', 'VENDOR', 'PAYROLL', 'HIGH', ['payroll processing']));
  register('dcFrankfurt', {
    ...profile('Frankfurt Colo GmbH', 'SUBSERVICE', 'DATA_CENTER_COLOCATION', 'CRITICAL', ['colocation', 'remote hands']),
    parentOrganizationId: ids.payroll,
    inclusionMethod: 'CARVE_OUT',
  });
  register('dcAmsterdam', profile('Amsterdam Datacenter BV', 'VENDOR', 'DATA_CENTER_COLOCATION', 'HIGH', ['colocation']));
  register('dcDublin', profile('Dublin Hosting Ltd', 'VENDOR', 'DATA_CENTER_COLOCATION', 'MEDIUM', ['colocation']));
  register('payments', profile('Payments Gateway AG', 'VENDOR', 'PAYMENTS', 'CRITICAL', ['card acquiring']));
  register('dcZurich', {
    ...profile('Zurich Colocation AG', 'SUBSERVICE', 'DATA_CENTER_COLOCATION', 'HIGH', ['colocation']),
    parentOrganizationId: ids.payments,
    inclusionMethod: 'INCLUSIVE',
  });
  register('ledger', profile('Ledger Analytics SaaS', 'VENDOR', 'SAAS', 'MEDIUM', ['financial analytics']));
  register('cloud', profile('Nimbus Cloud Hosting', 'VENDOR', 'CLOUD_HOSTING', 'CRITICAL', ['IaaS', 'managed Kubernetes']));
  register('helpdesk', profile('Helpdesk Managed Services', 'VENDOR', 'MANAGED_SERVICE', 'LOW', ['service desk']));

  const site = (key: HistoryOrganization, siteId: string, name: string, country: string, city: string) =>
    add('2024-02-02T09:00', key, { type: 'RegisterSite', data: { siteId, name, country, city } });
  site('dcFrankfurt', 'site-fra-1', 'FRA-1', 'DE', 'Frankfurt am Main');
  site('dcAmsterdam', 'site-ams-1', 'AMS-1', 'NL', 'Amsterdam');
  site('dcDublin', 'site-dub-1', 'DUB-1', 'IE', 'Dublin');
  site('dcZurich', 'site-zrh-1', 'ZRH-1', 'CH', 'Zurich');

  add('2024-02-05T10:00', 'payroll', {
    type: 'SetAssurancePolicy',
    data: { requiredFramework: 'SOC2', requiredReportType: 'TYPE_2', requiredCriteria: ['SECURITY'] },
  });
  add('2024-02-05T10:05', 'payroll', {
    type: 'DefineExpectedControls',
    data: {
      controls: [
        { ref: 'CC6.1', description: 'Logical access is restricted', domain: 'Access', risk: 'HIGH' },
        { ref: 'CC7.2', description: 'Security events are monitored', domain: 'Operations', risk: 'MEDIUM' },
      ],
    },
  });
  add('2024-02-05T10:10', 'cloud', {
    type: 'DefineExpectedControls',
    data: {
      controls: [
        { ref: 'CC6.1', description: 'Logical access is restricted', domain: 'Access', risk: 'HIGH' },
        { ref: 'CC8.1', description: 'Changes are authorised and tested', domain: 'Change', risk: 'CRITICAL' },
        { ref: 'A1.2', description: 'Backups and recovery are tested', domain: 'Availability', risk: 'MEDIUM' },
      ],
    },
  });
  add('2024-03-01T11:00', 'payroll', {
    type: 'UpdateOrganizationProfile',
    data: { services: ['payroll processing', 'time tracking'], owner: 'vendor-risk@example.com' },
  });

  // --- payments: a SOC 1 Type 2 that ages out (expired at the end) ---
  add('2024-08-20T10:00', 'payments', {
    type: 'RecordReportReceived',
    data: report('rep-pay-gw-2024', {
      framework: 'SOC1',
      servicesCovered: ['card acquiring'],
      periodStart: '2023-07-01',
      periodEnd: '2024-06-30',
      opinionDate: '2024-08-15',
      criteria: [],
      controlObjectives: ['CO-1 Transactions are authorised', 'CO-2 Settlement is complete and accurate'],
      controlsTested: ['CO-1.1', 'CO-2.3'],
    }),
  });
  add('2024-09-01T10:00', 'payments', { type: 'ConcludeReportReview', data: review('rep-pay-gw-2024') });

  // --- dcFrankfurt: first yearly report ---
  add('2025-01-25T10:00', 'dcFrankfurt', {
    type: 'RecordReportReceived',
    data: report('rep-fra-2024', {
      servicesCovered: ['colocation', 'remote hands'],
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      opinionDate: '2025-01-20',
      sitesCovered: ['site-fra-1'],
    }),
  });
  add('2025-02-03T10:00', 'dcFrankfurt', { type: 'ConcludeReportReview', data: review('rep-fra-2024') });
  add('2025-03-10T15:00', 'dcFrankfurt', {
    type: 'RecordPhysicalEnvironmentalValidation',
    data: physical('val-fra-2025', 'site-fra-1', '2025-03-10'),
  });

  // --- helpdesk: a Type 1, then offboarded ---
  add('2025-07-15T10:00', 'helpdesk', {
    type: 'RecordReportReceived',
    data: report('rep-help-2025', {
      servicesCovered: ['service desk'],
      reportType: 'TYPE_1',
      asOfDate: '2025-06-30',
      periodStart: null,
      periodEnd: null,
      opinionDate: '2025-07-10',
    }),
  });
  add('2025-07-20T10:00', 'helpdesk', { type: 'ConcludeReportReview', data: review('rep-help-2025') });

  // --- ledger: accepted, then withdrawn as entered in error ---
  add('2025-08-01T10:00', 'ledger', {
    type: 'RecordReportReceived',
    data: report('rep-led-2025', { servicesCovered: ['financial analytics'], periodStart: '2024-07-01', periodEnd: '2025-06-30', opinionDate: '2025-07-25' }),
  });
  add('2025-08-12T10:00', 'ledger', { type: 'ConcludeReportReview', data: review('rep-led-2025') });
  add('2025-10-03T10:00', 'ledger', {
    type: 'WithdrawReport',
    data: { reportId: 'rep-led-2025', reason: 'Entered in error: the document belongs to another vendor' },
  });

  // --- dcAmsterdam: an off-calendar period, bridged to the fiscal year end ---
  add('2025-11-14T10:00', 'dcAmsterdam', {
    type: 'RecordReportReceived',
    data: report('rep-ams-2025', {
      servicesCovered: ['colocation'],
      periodStart: '2024-10-01',
      periodEnd: '2025-09-30',
      opinionDate: '2025-11-10',
      sitesCovered: ['site-ams-1'],
    }),
  });
  add('2025-11-25T10:00', 'dcAmsterdam', { type: 'ConcludeReportReview', data: review('rep-ams-2025') });
  add('2025-11-25T10:30', 'dcAmsterdam', {
    type: 'RecordException',
    data: exception('exc-ams-1', 'rep-ams-2025', 'MEDIUM', 'CC6.4', 'Visitor log not reviewed monthly for two months.'),
  });
  add('2025-11-28T10:00', 'dcAmsterdam', {
    type: 'PlanRemediation',
    data: { exceptionId: 'exc-ams-1', owner: 'ams.facility@example.com', plan: 'Monthly visitor log review', dueDate: '2026-01-31' },
  });
  add('2025-12-02T10:00', 'dcAmsterdam', {
    type: 'EvaluateException',
    data: { exceptionId: 'exc-ams-1', impact: 'NONE', rationale: 'We do not rely on visitor logs for our own controls.', compensatingControlRef: null },
  });
  add('2025-12-01T16:00', 'dcAmsterdam', {
    type: 'RecordPhysicalEnvironmentalValidation',
    data: physical('val-ams-2025', 'site-ams-1', '2025-12-01'),
  });
  add('2025-12-15T10:00', 'helpdesk', { type: 'OffboardOrganization', data: { reason: 'Contract ended' } });
  add('2026-01-08T10:00', 'dcAmsterdam', {
    type: 'RecordBridgeLetter',
    data: {
      letterId: 'bl-ams-2025',
      reportId: 'rep-ams-2025',
      coversFrom: '2025-10-01',
      coversTo: '2025-12-31',
      materialChanges: null,
      signedBy: 'CFO, Amsterdam Datacenter BV',
      issuedOn: '2026-01-06',
      noOtherChangesStated: true,
    },
  });

  // --- cloud: a critical exception that goes overdue, an expected control not tested ---
  add('2026-01-15T10:00', 'cloud', {
    type: 'RecordReportReceived',
    data: report('rep-cloud-2025', {
      servicesCovered: ['IaaS', 'managed Kubernetes'],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      opinionDate: '2026-01-12',
      controlsTested: ['CC6.1', 'A1.2', 'CC7.1'],
    }),
  });
  add('2026-01-20T10:00', 'cloud', { type: 'ConcludeReportReview', data: review('rep-cloud-2025') });
  add('2026-01-20T11:00', 'cloud', {
    type: 'RecordException',
    data: exception('exc-cloud-1', 'rep-cloud-2025', 'CRITICAL', 'CC8.1', 'Production changes deployed without approval.'),
  });
  // Entered late: the plan was agreed on the 22nd and recorded on the 26th.
  add(
    '2026-01-26T09:00',
    'cloud',
    {
      type: 'PlanRemediation',
      data: { exceptionId: 'exc-cloud-1', owner: 'cloud.ops@example.com', plan: 'Enforce approvals in the pipeline', dueDate: '2026-02-28' },
    },
    '2026-01-22T14:00',
  );
  add('2026-01-21T10:00', 'dcAmsterdam', {
    type: 'CloseRemediation',
    data: { exceptionId: 'exc-ams-1', resolution: 'Reviews performed since December', evidence: 'log-2025-12.pdf', verifiedBy: 'grc.analyst' },
  });
  add('2026-01-27T10:00', 'cloud', {
    type: 'RecordOperationalControlsValidation',
    data: {
      validationId: 'val-cloud-ops-2026',
      siteId: null,
      areas: ['LOGICAL_ACCESS', 'SECURITY_MONITORING'],
      method: 'REMOTE_EVIDENCE',
      result: 'EFFECTIVE',
      validatedOn: '2026-01-27',
      notes: null,
    },
  });

  // --- dcFrankfurt: the next yearly report ---
  add('2026-01-28T10:00', 'dcFrankfurt', {
    type: 'RecordReportReceived',
    data: report('rep-fra-2025', {
      servicesCovered: ['colocation', 'remote hands'],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      opinionDate: '2026-01-25',
      sitesCovered: ['site-fra-1'],
    }),
  });

  // --- payroll: SOC 2 with a carved-out data center, a CUEC, two exceptions ---
  add('2026-02-02T10:00', 'payroll', {
    type: 'RecordReportReceived',
    data: report('rep-payroll-2025', {
      servicesCovered: ['payroll processing', 'time tracking'],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      opinionDate: '2026-01-30',
      criteria: ['SECURITY', 'AVAILABILITY'],
      controlsTested: ['CC6.1', 'CC7.2', 'CC8.1'],
      cuecs: [{ ref: 'CUEC-1', description: 'User entities review payroll changes before approval.' }],
      subserviceOrganizations: [{ name: 'Frankfurt Colo GmbH', method: 'CARVE_OUT' }],
    }),
  });
  add('2026-02-06T10:00', 'dcFrankfurt', { type: 'ConcludeReportReview', data: review('rep-fra-2025') });
  add('2026-02-09T10:00', 'payroll', {
    type: 'MapCuec',
    data: { reportId: 'rep-payroll-2025', cuecRef: 'CUEC-1', internalControlRef: 'HR-07', state: 'IMPLEMENTED' },
  });
  add('2026-02-09T11:00', 'payroll', {
    type: 'RecordCuecTest',
    data: { reportId: 'rep-payroll-2025', cuecRef: 'CUEC-1', testedOn: '2026-02-09', result: 'EFFECTIVE' },
  });
  add('2026-02-10T09:00', 'payroll', { type: 'ConcludeReportReview', data: review('rep-payroll-2025') });
  add('2026-02-10T09:30', 'payroll', {
    type: 'RecordException',
    data: exception('exc-pay-1', 'rep-payroll-2025', 'HIGH', 'CC6.1', 'Two leavers kept access for 10 days.'),
  });
  add('2026-02-10T09:45', 'payroll', {
    type: 'RecordException',
    data: exception('exc-pay-2', 'rep-payroll-2025', 'LOW', 'CC7.2', 'Alert runbook out of date.'),
  });
  add('2026-02-10T16:00', 'dcFrankfurt', {
    type: 'RecordPhysicalEnvironmentalValidation',
    data: physical('val-fra-2026', 'site-fra-1', '2026-02-10'),
  });
  add('2026-02-11T10:00', 'payroll', {
    type: 'EvaluateException',
    data: { exceptionId: 'exc-pay-1', impact: 'COMPENSATED', rationale: 'Our quarterly access recertification catches leavers.', compensatingControlRef: 'HR-12' },
  });
  add('2026-02-12T10:00', 'payroll', {
    type: 'PlanRemediation',
    data: { exceptionId: 'exc-pay-1', owner: 'payroll.security@example.com', plan: 'Automate leaver deprovisioning', dueDate: '2026-03-15' },
  });
  add('2026-02-12T10:05', 'payroll', {
    type: 'PlanRemediation',
    data: { exceptionId: 'exc-pay-2', owner: 'payroll.soc@example.com', plan: 'Rewrite the runbook', dueDate: '2026-03-20' },
  });

  // --- dcDublin: a qualified opinion; the exception behind it is risk-accepted ---
  add('2026-02-18T10:00', 'dcDublin', {
    type: 'RecordReportReceived',
    data: report('rep-dub-2025', {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      opinionDate: '2026-02-15',
      opinion: 'QUALIFIED',
      qualifiedAreas: ['A1.2'],
      qualificationBasis: 'Generator load tests were not performed in Q3.',
      servicesCovered: ['colocation'],
      sitesCovered: ['site-dub-1'],
    }),
  });
  add('2026-02-20T10:00', 'dcZurich', {
    type: 'RecordReportReceived',
    data: report('rep-zrh-2025', {
      servicesCovered: ['colocation'],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      opinionDate: '2026-02-11',
      sitesCovered: ['site-zrh-1'],
    }),
  });
  add('2026-03-02T10:00', 'dcDublin', { type: 'ConcludeReportReview', data: review('rep-dub-2025') });
  add('2026-03-02T10:30', 'dcDublin', {
    type: 'RecordException',
    data: exception('exc-dub-1', 'rep-dub-2025', 'MEDIUM', 'A1.2', 'Generator load test skipped in Q3.'),
  });
  add('2026-03-03T10:00', 'dcZurich', {
    type: 'ConcludeReportReview',
    data: { ...review('rep-zrh-2025'), decision: 'ACCEPTED_WITH_CONDITIONS', conditions: ['Re-test generator failover by Q2 2026'] },
  });
  add('2026-03-04T10:00', 'dcZurich', {
    type: 'RecordPhysicalEnvironmentalValidation',
    data: physical('val-zrh-2026', 'site-zrh-1', '2026-03-04'),
  });
  add('2026-03-04T11:00', 'dcDublin', {
    type: 'EvaluateException',
    data: { exceptionId: 'exc-dub-1', impact: 'NONE', rationale: 'A second power feed covers the generator.', compensatingControlRef: null },
  });
  add('2026-03-05T10:00', 'dcDublin', {
    type: 'AcceptRisk',
    data: { exceptionId: 'exc-dub-1', acceptedBy: 'cio@example.com', rationale: 'Second feed in place', expiresAt: '2026-12-31' },
  });
  add('2026-03-05T15:00', 'dcDublin', {
    type: 'RecordPhysicalEnvironmentalValidation',
    data: physical('val-dub-2026', 'site-dub-1', '2026-03-05'),
  });
  // Closed on the 10th, recorded on the 12th.
  add(
    '2026-03-12T10:00',
    'payroll',
    {
      type: 'CloseRemediation',
      data: { exceptionId: 'exc-pay-1', resolution: 'Deprovisioning automated', evidence: 'JIRA-4711', verifiedBy: 'internal.audit' },
    },
    '2026-03-10T17:00',
  );

  // --- ledger: the replacement report awaits its review ---
  add('2026-03-20T10:00', 'ledger', {
    type: 'RecordReportReceived',
    data: report('rep-led-2026', { servicesCovered: ['financial analytics'], periodStart: '2025-03-01', periodEnd: '2026-02-28', opinionDate: '2026-03-16' }),
  });

  // Stable: steps at the same instant keep the order written above.
  return steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.at.localeCompare(b.step.at) || a.i - b.i).map(({ step }) => step);
}

/**
 * Records the history for `tenantId` through the command path. Sets `clock` to each command's
 * moment and leaves it at HISTORY_END. Expects no stream of these organizations to exist yet.
 */
export async function recordOversightHistory(
  store: EventStore,
  clock: ManualClock,
  tenantId: string,
  options: RecordOversightHistoryOptions = {},
): Promise<OversightHistory> {
  const handler = new OversightCommandHandler(store, clock);
  const ids = oversightHistoryIds(tenantId);
  const actor = options.actor ?? { id: 'grc.analyst', role: 'ANALYST' };
  const steps = oversightHistorySteps(tenantId);
  const eventCounts: Record<string, number> = Object.fromEntries(Object.values(ids).map((id) => [id, 0]));
  let lastPosition = 0n;
  let events = 0;
  for (const [index, step] of steps.entries()) {
    clock.set(step.at);
    const outcome = await handler.handle({
      tenantId,
      actor,
      organizationId: ids[step.organization],
      command: step.command,
      commandId: `history:${tenantId}:${index}:${step.command.type}`,
      ...(step.effectiveAt ? { effectiveAt: step.effectiveAt } : {}),
    });
    if (outcome.eventIds.length === 0) {
      throw new Error(`History step ${index} (${step.command.type} on ${step.organization}) recorded nothing`);
    }
    eventCounts[outcome.organizationId] = (eventCounts[outcome.organizationId] ?? 0) + outcome.eventIds.length;
    events += outcome.eventIds.length;
    lastPosition = outcome.position;
    await options.afterEach?.(step, outcome, index);
  }
  clock.set(HISTORY_END);
  return { tenantId, ids, eventCounts, lastPosition, commands: steps.length, events };
}

function instant(at: string): string {
  return at.length === 16 ? `${at}:00.000Z` : at;
}

function profile(
  name: string,
  role: OrganizationRegisteredData['role'],
  category: OrganizationRegisteredData['category'],
  criticality: OrganizationRegisteredData['criticality'],
  services: string[],
): Omit<OrganizationRegisteredData, 'organizationId'> {
  return { name, role, category, criticality, services, owner: null, parentOrganizationId: null, inclusionMethod: null };
}

/** A SOC 2 Type 2 with a clean opinion unless overridden. */
function report(reportId: string, overrides: Partial<AssuranceReportReceivedData>): AssuranceReportReceivedData {
  return {
    reportId,
    framework: 'SOC2',
    reportType: 'TYPE_2',
    asOfDate: null,
    periodStart: null,
    periodEnd: null,
    opinionDate: null,
    serviceAuditor: 'Example Assurance LLP',
    opinion: 'UNMODIFIED',
    criteria: ['SECURITY', 'AVAILABILITY'],
    controlObjectives: [],
    servicesCovered: [],
    sitesCovered: [],
    controlsTested: ['CC6.1', 'CC6.4', 'A1.2'],
    cuecs: [],
    subserviceOrganizations: [],
    documentSha256: createHash('sha256').update(reportId).digest('hex'),
    managementAssertionIncluded: true,
    ...overrides,
  };
}

function review(reportId: string) {
  return { reportId, decision: 'ACCEPTED' as const, reviewer: 'grc.analyst', conditions: [], notes: null };
}

function exception(
  exceptionId: string,
  reportId: string,
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW',
  controlRef: string,
  description: string,
) {
  return {
    exceptionId,
    source: 'REPORT' as const,
    reportId,
    controlRef,
    criteriaRef: controlRef,
    kind: 'OPERATING' as const,
    severity,
    description,
    managementResponse: 'Management agrees and will remediate.',
  };
}

function physical(validationId: string, siteId: string, validatedOn: string) {
  return {
    validationId,
    siteId,
    areas: [...DEFAULT_POLICY.requiredPhysicalAreas],
    method: 'SITE_VISIT' as const,
    result: 'EFFECTIVE' as const,
    validatedOn,
    notes: null,
  };
}
