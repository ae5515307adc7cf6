import { gql } from '../graphql';

export interface CoverageTimeline {
  from: string;
  to: string;
  fiscalYearEnd: string;
  reports: Array<{ reportId: string; coverageStart: string; coverageEnd: string; days: number; state: string; counts: boolean; framework: string; reportType: string; opinion: string; eventIds: string[] }>;
  bridgeLetters: Array<{ letterId: string; reportId: string; coversFrom: string; coversTo: string; days: number; valid: boolean; counts: boolean; problem: string | null; eventIds: string[] }>;
  validations: Array<{ validationId: string; kind: string; result: string; validatedOn: string; validUntil: string | null; siteId: string | null; eventIds: string[] }>;
  fiscalYearEnds: Array<{ date: string; coverage: string; reportId: string | null; letterId: string | null }>;
  gaps: Array<{ from: string; to: string; days: number; code: string; reason: string }>;
  totals: { days: number; coveredDays: number; uncoveredDays: number; coverageRatio: number } | null;
  /** True when the server computed it (coverageTimeline); false when derived here. */
  fromServer: boolean;
}

export async function fetchCoverageTimeline(id: string): Promise<CoverageTimeline> {
  const { coverageTimeline } = await gql<{ coverageTimeline: Omit<CoverageTimeline, 'fromServer'> }>(
    `query Coverage($id: ID!) { coverageTimeline(organizationId: $id) {
      from to fiscalYearEnd
      reports { reportId coverageStart coverageEnd days state counts framework reportType opinion eventIds }
      bridgeLetters { letterId reportId coversFrom coversTo days valid counts problem eventIds }
      validations { validationId kind result validatedOn validUntil siteId eventIds }
      fiscalYearEnds { date coverage reportId letterId }
      gaps { from to days code reason }
      totals { days coveredDays uncoveredDays coverageRatio }
    } }`,
    { id },
  );
  return { ...coverageTimeline, fromServer: true };
}
