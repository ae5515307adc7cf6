import type { ExceptionState, OrganizationState, ReportState, ValidationRecord } from './organization.state';
import type { BridgeLetter } from './current-report';

/**
 * How reasons name things for a committee: by what they are (framework, auditor, period, control
 * ref, site name), never by generated ids, and without saying the same value twice.
 */

export function describe(r: ReportState): string {
  const frameworks = [...new Set([r.framework, ...(r.frameworks ?? [])])].map(spaced).join(' / ');
  const type = r.reportType === 'TYPE_2' ? 'Type 2' : 'Type 1';
  const period = r.reportType === 'TYPE_2' ? `for ${r.coverageStart} to ${r.coverageEnd}` : `as of ${r.coverageEnd}`;
  return `the ${frameworks} ${type} report by ${r.serviceAuditor} ${period}`;
}

/** SOC2 → SOC 2, ISAE3402 → ISAE 3402: as people write them. */
function spaced(framework: string): string {
  return framework.replace(/^([A-Z]+)(\d)/, '$1 $2');
}

export function describeLetter(letter: BridgeLetter): string {
  const by = letter.signedBy ? ` signed by ${letter.signedBy}` : '';
  return `the bridge letter${by} covering ${letter.coversFrom} to ${letter.coversTo}`;
}

/** "HIGH exception on control CC6.1 (criteria CC6.4): access not revoked". */
export function describeException(x: ExceptionState): string {
  const criteria = x.criteriaRef && x.criteriaRef.trim().toUpperCase() !== x.controlRef.trim().toUpperCase()
    ? ` (criteria ${x.criteriaRef})`
    : '';
  const sample =
    x.deviations != null && x.sampleSize != null ? `, ${x.deviations} of ${x.sampleSize} sampled items deviated` : '';
  return `${x.severity} exception on control ${x.controlRef}${criteria} "${x.description}"${sample}`;
}

export function siteName(state: OrganizationState, siteId: string | null): string {
  if (siteId === null) return 'the organization';
  return state.sites[siteId]?.name ?? `site ${siteId}`;
}

export function describeValidation(state: OrganizationState, v: ValidationRecord): string {
  const kind = v.kind === 'PHYSICAL' ? 'physical and environmental' : 'operational';
  const method = METHOD_WORDS[v.method];
  const where = v.siteId ? ` of ${siteName(state, v.siteId)}` : '';
  return `the ${kind} validation${where} by ${method} on ${v.validatedOn}`;
}

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const METHOD_WORDS = {
  SITE_VISIT: 'site visit',
  REPORT_TEST_REFERENCE: "reference to the service auditor's tests",
  QUESTIONNAIRE: 'questionnaire',
  REMOTE_EVIDENCE: 'remote evidence',
} as const;
