import type { Database, Statement } from 'better-sqlite3';
import type { Assessment } from '../domain/assessment.types';
import { controlCoverage } from '../domain/control-coverage';
import type { OrganizationState } from '../domain/organization.state';
import { ASSURANCE_STATUSES, SEVERITIES } from '../domain/oversight.vocabulary';
import { dayOf } from '../domain/calendar';
import type { CandidateChild } from '../domain/inherit';

/** Writes the rows one organization's folded state and assessment produce. */
export class OrganizationRows {
  private readonly upsertState: Statement;
  private readonly upsertStatus: Statement;
  private readonly deleteExceptions: Statement;
  private readonly insertException: Statement;
  private readonly upsertCoverage: Statement;

  constructor(private readonly db: Database) {
    this.upsertState = db.prepare(
      `INSERT INTO organization_state (tenant_id, organization_id, revision, position, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, organization_id)
       DO UPDATE SET revision = excluded.revision, position = excluded.position, state = excluded.state`,
    );
    this.upsertStatus = db.prepare(
      `INSERT OR REPLACE INTO organization_status (tenant_id, organization_id, name, name_key, role, category,
        criticality, parent_id, inclusion_method, status, flags, reasons, status_since, coverage_end, reach,
        expires_at, current_report_id, next_reassessment_on, assessed_on, revision, position)
       VALUES (@tenant, @id, @name, @nameKey, @role, @category, @criticality, @parentId, @inclusionMethod, @status,
        @flags, @reasons, @statusSince, @coverageEnd, @reach, @expiresAt, @currentReportId, @next, @assessedOn,
        @revision, @position)`,
    );
    this.deleteExceptions = db.prepare('DELETE FROM control_exception WHERE tenant_id = ? AND organization_id = ?');
    this.insertException = db.prepare(
      `INSERT INTO control_exception (tenant_id, organization_id, exception_id, seq, severity, severity_rank, source,
        report_id, control_ref, criteria_ref, kind, description, management_response, found_on, remediation_owner,
        remediation_plan, due_date, closed_on, resolution, risk_accepted_by, risk_accepted_on, risk_accepted_until,
        event_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertCoverage = db.prepare(
      `INSERT OR REPLACE INTO control_coverage (tenant_id, organization_id, report_id, expected_count, tested_count,
        coverage_ratio, missing, covered, unexpected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  saveState(tenant: string, id: string, revision: bigint, position: bigint, state: OrganizationState): void {
    this.upsertState.run(tenant, id, revision, position, JSON.stringify(state));
  }

  /** Status row; `statusSince` is carried over by the caller while the status is unchanged. */
  saveStatus(
    tenant: string,
    id: string,
    state: OrganizationState,
    a: Assessment,
    statusSince: string | null,
    revision: bigint,
    position: bigint,
  ): void {
    const p = state.profile;
    if (!p) return;
    this.upsertStatus.run({
      tenant,
      id,
      name: p.name,
      nameKey: p.name.toLowerCase(),
      role: p.role,
      category: p.category,
      criticality: p.criticality,
      parentId: p.parentOrganizationId,
      inclusionMethod: p.inclusionMethod,
      status: a.status,
      flags: JSON.stringify(a.flags),
      reasons: JSON.stringify(a.reasons),
      statusSince,
      coverageEnd: a.coverageEnd,
      reach: a.reach,
      expiresAt: a.expiresAt,
      currentReportId: a.currentReportId,
      next: a.nextReassessmentOn,
      assessedOn: a.at,
      revision,
      position,
    });
  }

  saveExceptions(tenant: string, id: string, state: OrganizationState): void {
    this.deleteExceptions.run(tenant, id);
    state.exceptionOrder.forEach((exceptionId, seq) => {
      const x = state.exceptions[exceptionId];
      if (!x) return;
      const ids = [x.found, x.remediation, x.riskAcceptance, x.closed].filter((s) => s !== null).map((s) => s.eventId);
      this.insertException.run(
        tenant, id, exceptionId, seq, x.severity, SEVERITIES.indexOf(x.severity), x.source, x.reportId,
        x.controlRef, x.criteriaRef, x.kind, x.description, x.managementResponse, dayOf(x.found.effectiveAt),
        x.remediation?.owner ?? null, x.remediation?.plan ?? null, x.remediation?.dueDate ?? null,
        x.closed ? dayOf(x.closed.effectiveAt) : null, x.closed?.resolution ?? null,
        x.riskAcceptance?.acceptedBy ?? null, x.riskAcceptance ? dayOf(x.riskAcceptance.effectiveAt) : null,
        x.riskAcceptance?.expiresAt ?? null, JSON.stringify(ids),
      );
    });
  }

  saveCoverage(tenant: string, id: string, state: OrganizationState, at: string): void {
    const c = controlCoverage(state, at);
    this.upsertCoverage.run(
      tenant, id, c.reportId, c.expectedCount, c.testedCount, c.coverageRatio,
      JSON.stringify(c.missing), JSON.stringify(c.covered), JSON.stringify(c.unexpected),
    );
  }
}

/**
 * The carve-out links between status rows, both ways: a vendor's candidate children (registered
 * under it, or named by its current report), and the vendors that may inherit from a child.
 */
export class CarveOutLinks {
  private readonly candidatesByParent: Statement;
  private readonly candidatesByName: Statement;
  private readonly viaParent: Statement;
  private readonly viaListing: Statement;
  private readonly clearListing: Statement;
  private readonly addListing: Statement;

  constructor(db: Database) {
    // A pre-filter: `carvedOutChildren` (domain/inherit.ts) decides which candidates are links.
    // Two indexed lookups, merged here: one query with an OR over trim(name_key) scanned every
    // status row of the tenant for every organization written (quadratic in the portfolio; see
    // bench/). INDEXED BY because, without ANALYZE statistics, SQLite prefers the primary key.
    const columns = 'organization_id, name, parent_id, inclusion_method, status, status_since, reasons';
    this.candidatesByParent = db.prepare(
      `SELECT ${columns} FROM organization_status INDEXED BY organization_status_parent
       WHERE tenant_id = ? AND parent_id = ? AND inclusion_method = 'CARVE_OUT' AND organization_id <> ?`,
    );
    this.candidatesByName = db.prepare(
      `SELECT ${columns} FROM organization_status INDEXED BY organization_status_by_trimmed_name
       WHERE tenant_id = ? AND trim(name_key) = ? AND organization_id <> ?`,
    );
    this.viaParent = db.prepare(
      `SELECT parent_id AS vendor_id, trim(name_key) AS name_key FROM organization_status
       WHERE tenant_id = ? AND organization_id = ?`,
    );
    this.viaListing = db.prepare(
      'SELECT vendor_id FROM carve_out_listing WHERE tenant_id = ? AND name_key = ? AND vendor_id <> ? ORDER BY vendor_id',
    );
    this.clearListing = db.prepare('DELETE FROM carve_out_listing WHERE tenant_id = ? AND vendor_id = ?');
    this.addListing = db.prepare('INSERT OR IGNORE INTO carve_out_listing (tenant_id, vendor_id, name_key) VALUES (?, ?, ?)');
  }

  childCandidates(tenant: string, vendorId: string, names: readonly string[]): CandidateChild[] {
    const found = new Map<string, ChildRow>();
    for (const r of this.candidatesByParent.all(tenant, vendorId, vendorId) as ChildRow[]) found.set(r.organization_id, r);
    for (const name of new Set(names)) {
      for (const r of this.candidatesByName.all(tenant, name, vendorId) as ChildRow[]) found.set(r.organization_id, r);
    }
    const rows = [...found.values()].sort((a, b) => (a.organization_id < b.organization_id ? -1 : a.organization_id > b.organization_id ? 1 : 0));
    return rows.map((r) => {
      const reasons = JSON.parse(r.reasons) as Array<{ status: string | null; eventIds: string[] }>;
      const eventIds = reasons.filter((x) => x.status === r.status).flatMap((x) => x.eventIds);
      return {
        id: r.organization_id,
        name: r.name,
        parentOrganizationId: r.parent_id,
        inclusionMethod: r.inclusion_method,
        status: r.status as CandidateChild['status'],
        since: r.status_since,
        eventIds: [...new Set(eventIds)],
      };
    });
  }

  /** The vendors whose rows may depend on this organization's row (a superset, by design). */
  vendorsOf(tenant: string, id: string): string[] {
    const row = this.viaParent.get(tenant, id) as { vendor_id: string | null; name_key: string } | undefined;
    if (!row) return [];
    const listed = (this.viaListing.all(tenant, row.name_key, id) as Array<{ vendor_id: string }>).map((r) => r.vendor_id);
    return row.vendor_id ? [row.vendor_id, ...listed] : listed;
  }

  saveListing(tenant: string, vendorId: string, names: readonly string[]): void {
    this.clearListing.run(tenant, vendorId);
    for (const name of names) this.addListing.run(tenant, vendorId, name);
  }
}

interface ChildRow {
  organization_id: string;
  name: string;
  parent_id: string | null;
  inclusion_method: string | null;
  status: string;
  status_since: string | null;
  reasons: string;
}

export function statusRank(status: string): number {
  return ASSURANCE_STATUSES.indexOf(status as (typeof ASSURANCE_STATUSES)[number]);
}
