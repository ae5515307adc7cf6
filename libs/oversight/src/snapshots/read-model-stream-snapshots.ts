import type { Database, Statement } from 'better-sqlite3';
import type { OrganizationState } from '../domain/organization.state';
import type { StreamSnapshot, StreamSnapshotSource } from './snapshot.types';

/**
 * The organizations projection keeps each organization's stream-order state in
 * `organization_state` (revision, state): exactly a stream snapshot, as fresh as the projection.
 * Reading it lets the command path fold only the events the projection has not applied yet.
 * Keyed by tenant: another tenant's organization has no row here, so its caller reads the stream
 * and gets NOT_FOUND from the command path's own check.
 */
export class ReadModelStreamSnapshots implements StreamSnapshotSource {
  private statement: Statement | null = null;

  constructor(private readonly db: Database) {}

  latest(tenantId: string, organizationId: string): StreamSnapshot | null {
    const row = this.prepared().get(tenantId, organizationId) as { revision: bigint; state: string } | undefined;
    if (!row) return null;
    return { revision: row.revision, state: JSON.parse(row.state) as OrganizationState };
  }

  /** Prepared on first use: the projection creates the table when it starts. */
  private prepared(): Statement {
    this.statement ??= this.db
      .prepare('SELECT revision, state FROM organization_state WHERE tenant_id = ? AND organization_id = ?')
      .safeIntegers(true);
    return this.statement;
  }
}
