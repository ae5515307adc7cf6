import type { RecordedEvent } from '../../../../libs/event-store/src/event-store.port';
import type { AssuranceStatusChange } from '../../../../libs/oversight/src/projections/read-model.effects';

/** Published on the EventBus after a read-model commit: feeds GraphQL subscriptions only. */
export class ProjectionCommitted {
  constructor(
    readonly events: RecordedEvent[],
    readonly statusChanges: AssuranceStatusChange[],
  ) {}
}
