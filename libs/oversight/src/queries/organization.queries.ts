import type { Database, Statement } from 'better-sqlite3';
import type { OrganizationState } from '../domain/organization.state';
import type { ControlCoverage } from '../domain/assessment.types';
import { ASSURANCE_STATUSES, CRITICALITIES } from '../domain/oversight.vocabulary';
import { addDays } from '../domain/calendar';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { toStatusView, type OrganizationStatusView, type StatusRow } from './organization-status.view';
import { OrganizationNameQueries } from '../projections/organization-names';

export interface OrganizationFilter {
  status?: string[];
  category?: string[];
  criticality?: string[];
  /** Case-insensitive substring of the name. */
  search?: string;
  parentOrganizationId?: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this API issued');
    this.name = 'InvalidCursorError';
  }
}

/** Parsed states kept per query object: enough for a page of 50 and the busiest organizations. */
const STATE_CACHE_ENTRIES = 256;

/** Reads of the organization read models; every one scoped to a tenant. */
export class OrganizationQueries {
  private readonly states = new Map<string, { revision: number; state: OrganizationState }>();
  private prepared: Record<'status' | 'stateRevision' | 'state', Statement> | null = null;

  constructor(private readonly db: Database) {}

  /** Prepared once, on first use: the projection creates the tables when it starts. */
  private get sql(): Record<'status' | 'stateRevision' | 'state', Statement> {
    this.prepared ??= {
      status: this.db.prepare('SELECT * FROM organization_status WHERE tenant_id = ? AND organization_id = ?'),
      stateRevision: this.db.prepare('SELECT revision FROM organization_state WHERE tenant_id = ? AND organization_id = ?'),
      state: this.db.prepare('SELECT revision, state FROM organization_state WHERE tenant_id = ? AND organization_id = ?'),
    };
    return this.prepared;
  }

  private names: OrganizationNameQueries | null = null;

  /** Active organizations of the tenant registered under the same normalized name. */
  activeWithName(tenant: string, name: string): Array<{ id: string; name: string }> {
    return (this.names ??= new OrganizationNameQueries(this.db)).activeWithName(tenant, name);
  }

  status(tenant: string, id: string): OrganizationStatusView | null {
    const row = this.sql.status.get(tenant, id) as StatusRow | undefined;
    return row ? toStatusView(row) : null;
  }

  /**
   * The folded state, parsed once per revision: parsing it is most of a query's cost (see bench/),
   * and a state at a revision never changes. Callers must not mutate it (mappers copy).
   */
  state(tenant: string, id: string): OrganizationState | null {
    const key = `${tenant}\u0000${id}`;
    const head = this.sql.stateRevision.get(tenant, id) as { revision: number } | undefined;
    if (!head) return null;
    const cached = this.states.get(key);
    if (cached && cached.revision === head.revision) {
      this.states.delete(key);
      this.states.set(key, cached);
      return cached.state;
    }
    const row = this.sql.state.get(tenant, id) as { revision: number; state: string } | undefined;
    if (!row) return null;
    const state = JSON.parse(row.state) as OrganizationState;
    this.states.delete(key);
    this.states.set(key, { revision: row.revision, state });
    if (this.states.size > STATE_CACHE_ENTRIES) this.states.delete(this.states.keys().next().value as string);
    return state;
  }

  /** Keyset pagination by (name, id): the cost of a page does not grow with the portfolio. */
  list(tenant: string, filter: OrganizationFilter, first: number, after?: string | null): Page<OrganizationStatusView> {
    const where = ['tenant_id = @tenant'];
    const params: Record<string, unknown> = { tenant };
    inList(where, params, 'status', filter.status);
    inList(where, params, 'category', filter.category);
    inList(where, params, 'criticality', filter.criticality);
    if (filter.search) {
      where.push(`instr(name_key, @search) > 0`);
      params.search = filter.search.toLowerCase();
    }
    if (filter.parentOrganizationId) {
      where.push('parent_id = @parent');
      params.parent = filter.parentOrganizationId;
    }
    const base = where.join(' AND ');
    const totalCount = (this.db.prepare(`SELECT count(*) AS n FROM organization_status WHERE ${base}`).get(params) as { n: number }).n;
    const page = [...where];
    let hasPreviousPage = false;
    if (after) {
      const key = decodeCursor(after);
      if (!key || key.length !== 2 || !key.every((k) => typeof k === 'string')) throw new InvalidCursorError();
      const afterKey = '(name_key > @afterName OR (name_key = @afterName AND organization_id > @afterId))';
      page.push(afterKey);
      params.afterName = key[0];
      params.afterId = key[1];
      hasPreviousPage = this.db.prepare(`SELECT 1 FROM organization_status WHERE ${base} AND NOT ${afterKey} LIMIT 1`).get(params) !== undefined;
    }
    const rows = this.db
      .prepare(`SELECT * FROM organization_status WHERE ${page.join(' AND ')} ORDER BY name_key, organization_id LIMIT @limit`)
      .all({ ...params, limit: first + 1 }) as StatusRow[];
    const nodes = rows.slice(0, first).map(toStatusView);
    const cursors = rows.slice(0, first).map((r) => encodeCursor([r.name_key, r.organization_id]));
    return { nodes, cursors, totalCount, hasNextPage: rows.length > first, hasPreviousPage, endCursor: cursors[cursors.length - 1] ?? null };
  }

  summary(tenant: string, today: string, expiringWithinDays: number) {
    const count = (column: string) =>
      Object.fromEntries(
        (this.db
          .prepare(`SELECT ${column} AS k, count(*) AS n FROM organization_status WHERE tenant_id = ? GROUP BY ${column}`)
          .all(tenant) as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]),
      );
    const byStatus = count('status');
    const byCriticality = count('criticality');
    const byCategory = count('category');
    const expiringSoon = (this.db
      .prepare(
        `SELECT * FROM organization_status WHERE tenant_id = ? AND expires_at >= ? AND expires_at <= ?
         AND status NOT IN ('OFFBOARDED', 'EXPIRED') ORDER BY expires_at, name_key`,
      )
      .all(tenant, today, addDays(today, expiringWithinDays)) as StatusRow[]).map(toStatusView);
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return {
      total,
      byStatus: ASSURANCE_STATUSES.map((status) => ({ status, count: byStatus[status] ?? 0 })),
      byCriticality: CRITICALITIES.map((criticality) => ({ criticality, count: byCriticality[criticality] ?? 0 })),
      byCategory: Object.entries(byCategory).map(([category, count]) => ({ category, count })),
      expiringSoon,
    };
  }

  coverage(tenant: string, id: string): ControlCoverage | null {
    const row = this.db
      .prepare('SELECT * FROM control_coverage WHERE tenant_id = ? AND organization_id = ?')
      .get(tenant, id) as
      | { report_id: string | null; expected_count: number; tested_count: number; coverage_ratio: number; missing: string; covered: string; unexpected: string }
      | undefined;
    if (!row) return null;
    return {
      reportId: row.report_id,
      expectedCount: row.expected_count,
      testedCount: row.tested_count,
      coverageRatio: row.coverage_ratio,
      missing: JSON.parse(row.missing),
      covered: JSON.parse(row.covered),
      unexpected: JSON.parse(row.unexpected),
    };
  }
}

function inList(where: string[], params: Record<string, unknown>, column: string, values?: string[]): void {
  if (!values || values.length === 0) return;
  const names = values.map((v, i) => {
    params[`${column}${i}`] = v;
    return `@${column}${i}`;
  });
  where.push(`${column} IN (${names.join(', ')})`);
}
