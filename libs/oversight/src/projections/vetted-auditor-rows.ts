import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { firmKey, type TenantFacts } from '../domain/assess-flag-rules';
import type { OrganizationState } from '../domain/organization.state';
import type { ServiceAuditorVettedData } from '../domain/service-auditor';

export const VETTED_AUDITOR_TABLE = 'service_auditor_vetted';
/** The tenant stream of ServiceAuditorVetted (application/service-auditors.ts). */
export const SERVICE_AUDITOR_STREAM_PREFIX = 'service-auditors-';

const DDL = `CREATE TABLE IF NOT EXISTS ${VETTED_AUDITOR_TABLE} (
  tenant_id TEXT NOT NULL,
  firm_key TEXT NOT NULL,
  firm TEXT NOT NULL,
  PRIMARY KEY (tenant_id, firm_key)
)`;

/**
 * `service_auditor_vetted`: the firms each tenant vetted, so that assessing an organization
 * (AUDITOR_NOT_VETTED) reads one small table instead of the tenant's stream. Written by the
 * organizations projection in the transaction of its checkpoint, like its other rows.
 */
export class VettedAuditorRows {
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly states: Statement;

  constructor(private readonly db: Database) {
    db.exec(DDL);
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${VETTED_AUDITOR_TABLE} (tenant_id, firm_key, firm) VALUES (?, ?, ?)`);
    this.select = db.prepare(`SELECT firm FROM ${VETTED_AUDITOR_TABLE} WHERE tenant_id = ? ORDER BY firm_key`);
    this.states = db.prepare('SELECT organization_id AS id, state FROM organization_state WHERE tenant_id = ?');
  }

  reset(): void {
    this.db.prepare(`DELETE FROM ${VETTED_AUDITOR_TABLE}`).run();
  }

  /** Saves the vettings; answers the firm keys new to their tenant (a repeat vetting changes nothing). */
  save(tenant: string, events: readonly RecordedEvent[]): Set<string> {
    const fresh = new Set<string>();
    for (const e of events) {
      if (e.type !== 'ServiceAuditorVetted') continue;
      const firm = (e.data as ServiceAuditorVettedData).firm;
      if (this.insert.run(tenant, firmKey(firm), firm).changes > 0) fresh.add(firmKey(firm));
    }
    return fresh;
  }

  facts(tenant: string): TenantFacts {
    return { vettedAuditors: (this.select.all(tenant) as Array<{ firm: string }>).map((r) => ({ firm: r.firm })) };
  }

  /** The tenant's organizations with a report by one of `firms`: the ones a vetting may change. */
  organizationsAudited(tenant: string, firms: ReadonlySet<string>): string[] {
    if (firms.size === 0) return [];
    const rows = this.states.all(tenant) as Array<{ id: string; state: string }>;
    return rows
      .filter((r) => Object.values((JSON.parse(r.state) as OrganizationState).reports).some((rep) => firms.has(firmKey(rep.serviceAuditor))))
      .map((r) => r.id);
  }
}
