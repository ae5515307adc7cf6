import type { DraftValue } from '../src/intake/report-draft.types';
import type { ReportParams } from './report-params';

export type ExpectedFields = Record<string, DraftValue>;
export interface ExpectedException {
  controlRef: string;
  criteriaRef: string | null;
  description: string;
  deviations: number | null;
  sampleSize: number | null;
  managementResponse: string | null;
}

/** What a careful reader takes from the report `p` describes: a value for each field it states, null otherwise. */
export function expectedFields(p: ReportParams): ExpectedFields {
  const tested = p.type === 'TYPE_2' && p.controlLayout !== 'none';
  const csocs = (name: string) => p.csocs?.filter(([o]) => o === name).map(([, ref, text]) => ({ ref, text }));
  return {
    framework: p.frameworks[0]!,
    frameworks: p.frameworks,
    reportType: p.type,
    periodStart: p.wording === 'as-of' ? null : p.start!,
    periodEnd: p.wording === 'as-of' ? null : p.end!,
    asOfDate: p.wording === 'as-of' ? p.asOf! : null,
    opinionDate: p.opinionDate ?? null,
    serviceAuditor: p.auditor ?? null,
    opinion: p.opinion,
    qualifiedAreas: p.opinion === 'QUALIFIED' ? (p.qualifiedAreas ?? null) : null,
    qualificationBasis: p.opinion === 'QUALIFIED' ? p.basis! : null,
    managementAssertionIncluded: p.assertion ? true : null,
    criteria: p.criteria ?? null,
    controlObjectives: p.objectives?.map((o, i) => `Control Objective ${i + 1}: ${o}`) ?? null,
    servicesCovered: p.services?.items ?? null,
    sitesCovered: p.sites?.items ?? null,
    controlsTested: tested ? p.controls.map((c) => c.ref) : null,
    cuecs: p.cuecs?.items.map(([ref, description]) => ({ ref, description })) ?? null,
    subserviceOrganizations:
      p.subservices?.items.map((s): DraftValue => {
        const own = csocs(s.name);
        return own && own.length > 0 ? { name: s.name, method: s.method, csocs: own } : { name: s.name, method: s.method };
      }) ?? null,
  };
}

export function expectedExceptions(p: ReportParams): ExpectedException[] {
  if (p.type !== 'TYPE_2') return [];
  return p.controls
    .filter((c) => c.exception)
    .map((c) => ({
      controlRef: c.ref,
      criteriaRef: p.controlLayout === 'plain' ? null : (c.criteria ?? null),
      description: c.exception!.description,
      deviations: c.exception!.deviations ?? null,
      sampleSize: c.exception!.sampleSize ?? null,
      managementResponse: c.exception!.managementResponse ?? null,
    }));
}
