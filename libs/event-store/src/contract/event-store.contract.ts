/// <reference types="jest" />
import { concurrencyContract } from './concurrency.contract';
import { useFreshStore, type CreateEventStore } from './contract-fixtures';
import { expectationsContract } from './expectations.contract';
import { findEventContract } from './find-event.contract';
import { idempotencyContract } from './idempotency.contract';
import { readsContract } from './reads.contract';
import { subscriptionContract } from './subscription.contract';

export type { CreateEventStore, StoreUnderTest } from './contract-fixtures';

/**
 * The behaviour every EventStore adapter must show (the port's guarantees, DESIGN §4). Call it
 * from an adapter's spec; `create` gives a fresh empty store per test and a cleanup that closes
 * it and removes its files; `findEvent: true` for an adapter that offers that optional method. Tests only assume what the port promises: positions strictly
 * increase but may have gaps, and nothing depends on timing beyond generous timeouts.
 */
export function eventStoreContract(name: string, create: CreateEventStore, options: { findEvent?: boolean } = {}): void {
  describe(`${name} satisfies the EventStore contract`, () => {
    const store = useFreshStore(create);
    expectationsContract(store);
    idempotencyContract(store);
    readsContract(store);
    concurrencyContract(store);
    subscriptionContract(store);
    findEventContract(store, options.findEvent ?? false);
  });
}
