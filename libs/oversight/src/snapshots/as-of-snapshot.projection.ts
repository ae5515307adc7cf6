import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import type { Projection } from '../../../event-store/src/projection/projection';
import { metadataOf, ORGANIZATION_STREAM_PREFIX, organizationIdOf } from '../application/event-envelope';
import { AsOfSnapshotWriter, type AsOfSnapshotOptions } from './as-of-snapshot-writer';

/**
 * Keeps `organization_snapshots` (as-of snapshots every K events per organization) in the read
 * model, fed by the same runner and committed in the same transaction as the organizations
 * projection: a rebuild from zero rebuilds them too. It sees every event of a stream once, in
 * order, so the revision before a batch's first event of a stream is what was applied before.
 */
export class AsOfSnapshotProjection implements Projection<never> {
  readonly name = 'organization-snapshots';
  private writer!: AsOfSnapshotWriter;

  constructor(private readonly options: AsOfSnapshotOptions) {}

  setup(db: Database): void {
    this.writer = new AsOfSnapshotWriter(db, this.options);
  }

  reset(): void {
    this.writer.table.clear();
  }

  apply(_db: Database, events: RecordedEvent[]): never[] {
    const streams = new Map<string, { tenant: string; events: RecordedEvent[] }>();
    for (const e of events) {
      // The runner also feeds tenant streams (service auditors): only organizations have snapshots.
      if (!e.streamId.startsWith(ORGANIZATION_STREAM_PREFIX)) continue;
      const seen = streams.get(e.streamId);
      if (seen) seen.events.push(e);
      else streams.set(e.streamId, { tenant: String(metadataOf(e).tenantId), events: [e] });
    }
    for (const [streamId, s] of streams) {
      const first = s.events[0]!.revision;
      const last = s.events[s.events.length - 1]!.revision;
      this.writer.afterApply(s.tenant, organizationIdOf(streamId), streamId, first - 1n, last, s.events);
    }
    return [];
  }
}
