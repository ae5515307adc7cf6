import type { Database } from 'better-sqlite3';
import type { Severity } from '../domain/oversight.vocabulary';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { InvalidCursorError } from './organization.queries';

export interface ExceptionFilter {
  organizationId?: string;
  /** true: neither closed nor covered by an unexpired risk acceptance; false: the others. */
  open?: boolean;
  /** true: open and past its remediation due date. */
  overdue?: boolean;
  severity?: Severity[];
}

export interface ExceptionView {
  organizationId: string;
  organizationName: string;
  exceptionId: string;
  severity: Severity;
  source: string;
  reportId: string | null;
  controlRef: string;
  criteriaRef: string | null;
  kind: string;
  description: string;
  managementResponse: string | null;
  foundOn: string;
  remediationOwner: string | null;
  remediationPlan: string | null;
  dueDate: string | null;
  closedOn: string | null;
  resolution: string | null;
  riskAcceptedBy: string | null;
  riskAcceptedOn: string | null;
  riskAcceptedUntil: string | null;
  open: boolean;
  overdue: boolean;
  eventIds: string[];
}

// "Open" evaluated at query time against today, so it needs no re-projection as days pass.
const OPEN = `(x.closed_on IS NULL AND (x.risk_accepted_on IS NULL OR
  (x.risk_accepted_until IS NOT NULL AND x.risk_accepted_until < @today)))`;

/** The exceptions read model: open, overdue, by severity; riskiest first. */
export class ExceptionQueries {
  constructor(private readonly db: Database) {}

  list(tenant: string, filter: ExceptionFilter, today: string, first: number, after?: string | null): Page<ExceptionView> {
    const where = ['x.tenant_id = @tenant'];
    const params: Record<string, unknown> = { tenant, today };
    if (filter.organizationId) {
      where.push('x.organization_id = @org');
      params.org = filter.organizationId;
    }
    if (filter.open !== undefined) where.push(filter.open ? OPEN : `NOT ${OPEN}`);
    if (filter.overdue !== undefined) {
      const overdue = `(${OPEN} AND x.due_date IS NOT NULL AND x.due_date < @today)`;
      where.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
    if (filter.severity && filter.severity.length > 0) {
      where.push(`x.severity IN (${filter.severity.map((s, i) => ((params[`sev${i}`] = s), `@sev${i}`)).join(', ')})`);
    }
    const from = 'FROM control_exception x JOIN organization_status o ON o.tenant_id = x.tenant_id AND o.organization_id = x.organization_id';
    const totalCount = (this.db.prepare(`SELECT count(*) AS n ${from} WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
    let hasPreviousPage = false;
    if (after) {
      const key = decodeCursor(after);
      const [rank, ...rest] = key ?? [];
      if (!key || key.length !== 4 || !Number.isInteger(rank) || !rest.every((k) => typeof k === 'string')) {
        throw new InvalidCursorError();
      }
      key.forEach((k, i) => (params[`k${i}`] = k));
      const before = `(x.severity_rank, x.found_on, x.organization_id, x.exception_id) <= (@k0, @k1, @k2, @k3)`;
      hasPreviousPage = this.db.prepare(`SELECT 1 ${from} WHERE ${where.join(' AND ')} AND ${before} LIMIT 1`).get(params) !== undefined;
      where.push(`(x.severity_rank, x.found_on, x.organization_id, x.exception_id) > (@k0, @k1, @k2, @k3)`);
    }
    const rows = this.db
      .prepare(
        `SELECT x.*, o.name AS organization_name, ${OPEN} AS is_open ${from} WHERE ${where.join(' AND ')}
         ORDER BY x.severity_rank, x.found_on, x.organization_id, x.exception_id LIMIT @limit`,
      )
      .all({ ...params, limit: first + 1 }) as Array<Record<string, unknown>>;
    const pageRows = rows.slice(0, first);
    const cursors = pageRows.map((r) => encodeCursor([r.severity_rank, r.found_on, r.organization_id, r.exception_id]));
    return {
      nodes: pageRows.map((r) => toView(r, today)),
      cursors,
      totalCount,
      hasNextPage: rows.length > first,
      hasPreviousPage,
      endCursor: cursors[cursors.length - 1] ?? null,
    };
  }
}

function toView(r: Record<string, unknown>, today: string): ExceptionView {
  const open = r.is_open === 1;
  const due = (r.due_date as string | null) ?? null;
  return {
    organizationId: r.organization_id as string,
    organizationName: r.organization_name as string,
    exceptionId: r.exception_id as string,
    severity: r.severity as Severity,
    source: r.source as string,
    reportId: (r.report_id as string | null) ?? null,
    controlRef: r.control_ref as string,
    criteriaRef: (r.criteria_ref as string | null) ?? null,
    kind: r.kind as string,
    description: r.description as string,
    managementResponse: (r.management_response as string | null) ?? null,
    foundOn: r.found_on as string,
    remediationOwner: (r.remediation_owner as string | null) ?? null,
    remediationPlan: (r.remediation_plan as string | null) ?? null,
    dueDate: due,
    closedOn: (r.closed_on as string | null) ?? null,
    resolution: (r.resolution as string | null) ?? null,
    riskAcceptedBy: (r.risk_accepted_by as string | null) ?? null,
    riskAcceptedOn: (r.risk_accepted_on as string | null) ?? null,
    riskAcceptedUntil: (r.risk_accepted_until as string | null) ?? null,
    open,
    overdue: open && due !== null && due < today,
    eventIds: JSON.parse(r.event_ids as string),
  };
}
