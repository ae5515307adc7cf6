import { fetchCoverageTimeline, type CoverageTimeline } from '../api/coverage';
import type { OrganizationDetail } from '../api/detail';
import { deriveCoverageTimeline } from '../coverage';
import { isUnsupported } from '../graphql';
import { useQuery } from '../hooks';
import { CoverageChart } from './CoverageChart';
import { Loading, QueryProblem, Section } from './Section';

/**
 * The continuity timeline: the server's coverageTimeline when it has one; otherwise derived
 * here from the reports, validations and policy already loaded.
 */
export function CoverageSection(props: { id: string; name: string; detail: OrganizationDetail | undefined; today: string }) {
  const server = useQuery<CoverageTimeline | null>(
    () => fetchCoverageTimeline(props.id).catch((e) => (isUnsupported(e) ? null : Promise.reject(e))),
    [props.id],
  );
  let timeline: CoverageTimeline | null = server.data ?? null;
  if (server.data === null && props.detail) timeline = deriveCoverageTimeline(props.detail, props.today);
  return (
    <Section id="coverage" title="Coverage timeline">
      {server.error ? (
        <QueryProblem error={server.error} what="the coverage timeline" />
      ) : !timeline ? (
        <Loading what="the coverage timeline" />
      ) : (
        <>
          {!timeline.fromServer && <p class="muted">Derived in the browser from the reports (this server has no coverageTimeline query).</p>}
          {/* DESIGN §3's default max report age until the policy has loaded */}
          <CoverageChart timeline={timeline} name={props.name} maxReportAgeMonths={props.detail?.policy.maxReportAgeMonths ?? 12} />
        </>
      )}
    </Section>
  );
}
