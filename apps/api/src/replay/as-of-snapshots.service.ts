import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { AsOfFolder } from '../../../../libs/oversight/src/replay';
import { AsOfSnapshotTable } from '../../../../libs/oversight/src/snapshots/as-of-snapshot-table';
import { seededFolder } from '../../../../libs/oversight/src/snapshots/seeded-folder';
import { READ_MODEL_DB } from '../infrastructure/tokens';

/**
 * As-of snapshots (kept in the read model by the snapshot projection) to fold a long history
 * from: the answer is still the event store's — a snapshot seeds a fold only when it gives exactly
 * the full fold's answer (libs/oversight/src/snapshots/as-of-snapshot.ts), else the full fold runs.
 */
@Injectable()
export class AsOfSnapshots {
  private readonly table: AsOfSnapshotTable;

  constructor(@Inject(READ_MODEL_DB) db: Database) {
    this.table = new AsOfSnapshotTable(db);
  }

  /** For portfolioAsOf: each organization of the tenant folded from its snapshots. */
  folderOf(tenantId: string): (organizationId: string) => AsOfFolder {
    return (organizationId) =>
      seededFolder({
        keys: () => this.table.keys(tenantId, organizationId),
        load: (revision) => this.table.load(tenantId, organizationId, revision),
      });
  }
}
