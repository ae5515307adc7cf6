import type { Database, Statement } from 'better-sqlite3';
import { normalizedName } from '../domain/organization-name';

/**
 * `organization_name`: each active organization's normalized name (domain/organization-name.ts),
 * so that a registration can find an organization already registered under the same name in
 * the tenant without scanning the portfolio. Offboarded organizations have no row.
 */
export class OrganizationNameRows {
  private readonly remove: Statement;
  private readonly insert: Statement;

  constructor(db: Database) {
    this.remove = db.prepare('DELETE FROM organization_name WHERE tenant_id = ? AND organization_id = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO organization_name (tenant_id, name_norm, organization_id) VALUES (?, ?, ?)');
  }

  save(tenant: string, id: string, name: string, active: boolean): void {
    this.remove.run(tenant, id);
    if (active) this.insert.run(tenant, normalizedName(name), id);
  }
}

/** Active organizations of a tenant whose normalized name equals that of `name`. */
export class OrganizationNameQueries {
  private statement: Statement | null = null;

  constructor(private readonly db: Database) {}

  activeWithName(tenant: string, name: string): Array<{ id: string; name: string }> {
    // Prepared on first use: the projection creates the table when it starts.
    this.statement ??= this.db.prepare(
      `SELECT n.organization_id AS id, s.name AS name FROM organization_name n
       JOIN organization_status s ON s.tenant_id = n.tenant_id AND s.organization_id = n.organization_id
       WHERE n.tenant_id = ? AND n.name_norm = ? ORDER BY n.organization_id`,
    );
    return this.statement.all(tenant, normalizedName(name)) as Array<{ id: string; name: string }>;
  }
}
