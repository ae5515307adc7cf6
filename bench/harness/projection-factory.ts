import type { Projection } from '../../libs/event-store/src/projection/projection';
import type { EventStore } from '../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import type { Clock } from '../../libs/oversight/src/application/clock';
import { OrganizationsProjection, type OrganizationsProjectionOptions } from '../../libs/oversight/src/projections/organizations.projection';
import { AsOfSnapshotProjection } from '../../libs/oversight/src/snapshots/as-of-snapshot.projection';

/**
 * The projections the API's runner feeds (ProjectionService.createProjections), for a SQLite
 * store; `deferRows` as the API's rebuild passes it (read-model-rebuild.ts).
 */
export function createProjections(clock: Clock, store: EventStore, options: OrganizationsProjectionOptions = {}): Projection<unknown>[] {
  // As the API: as-of snapshots need the SQLite store's synchronous stream read, so other stores have none.
  if (!(store instanceof SqliteEventStore)) return [new OrganizationsProjection(clock, options)];
  return [
    new OrganizationsProjection(clock, options),
    new AsOfSnapshotProjection({ every: 100, read: (streamId, from, to) => store.readStreamSync(streamId, { fromRevision: from, maxCount: Number(to - from + 1n) }) }),
  ];
}
