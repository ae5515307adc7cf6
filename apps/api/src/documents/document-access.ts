import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { READ_MODEL_DB } from '../infrastructure/tokens';

/**
 * Whether a document is attached to an organization of the tenant, from the organizations'
 * folded states in the read model (the facts are DocumentAttached events in their streams).
 */
@Injectable()
export class DocumentAccess {
  private statement: Database.Statement | null = null;

  constructor(@Inject(READ_MODEL_DB) private readonly db: Database.Database) {}

  isAttached(tenantId: string, documentId: string): boolean {
    this.statement ??= this.db.prepare(
      `SELECT 1 FROM organization_state s, json_each(s.state, '$.documents') d
       WHERE s.tenant_id = ? AND json_extract(d.value, '$.documentId') = ? LIMIT 1`,
    );
    return this.statement.get(tenantId, documentId) !== undefined;
  }
}
