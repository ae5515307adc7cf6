import { finding, relianceSince, stampDay, type AssessContext, type Finding } from './assess-report-rules';
import { nextFiscalYearEnd } from './calendar';
import { addMonthsFromMonthEnd } from './current-report';
import type { Stamp } from './organization.state';
import type { IsoDate } from './oversight.vocabulary';
import { describe } from './report-labels';

/** Tenant-wide facts some flags need: the service auditors we vetted (ServiceAuditorVetted). */
export interface TenantFacts {
  vettedAuditors: ReadonlyArray<{ firm: string } & Partial<Stamp>>;
}

/** Firm names are typed by hand in reports: compare them trimmed and case-insensitively. */
export function firmKey(firm: string): string {
  return firm.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** AUDITOR_NOT_VETTED for each current report whose service auditor has no vetting record. */
export function auditorFindings(ctx: AssessContext, tenant: TenantFacts | undefined): Finding[] {
  if (!tenant) return [];
  const vetted = new Set(tenant.vettedAuditors.map((v) => firmKey(v.firm)));
  return ctx.currents
    .filter((r) => !vetted.has(firmKey(r.serviceAuditor)))
    .map((r, rank) => {
      const message = `${r.serviceAuditor}, the service auditor of ${describe(r)}, has no vetting record (licence, peer review rating and date).`;
      return finding('AUDITOR_NOT_VETTED', null, message, [r.received], relianceSince(r), { flag: 'AUDITOR_NOT_VETTED', rank });
    });
}

/** FISCAL_YEAR_END_AT_RISK: the announced next report, even bridged, ends before the coming F. */
export function nextReportFindings(ctx: AssessContext): Finding[] {
  const next = ctx.state.nextReport;
  if (!next) return [];
  // Once a report reaching that period end is accepted, the announcement is spent.
  if (ctx.accepted.some((r) => r.coverageEnd >= next.periodEnd)) return [];
  const coming: IsoDate = nextFiscalYearEnd(ctx.policy.fiscalYearEnd, ctx.day);
  const bridgeable = addMonthsFromMonthEnd(next.periodEnd, ctx.policy.maxBridgeMonths);
  if (bridgeable >= coming) return [];
  const message =
    `The next report is expected to cover to ${next.periodEnd} (delivery by ${next.deliveryBy}); even with a ` +
    `${ctx.policy.maxBridgeMonths}-month bridge letter it would not reach the coming fiscal year end ${coming}.`;
  return [finding('FISCAL_YEAR_END_AT_RISK', null, message, [next], stampDay(next), { flag: 'FISCAL_YEAR_END_AT_RISK' })];
}
