/// <reference types="jest" />
import { concurrencyContract } from './concurrency.contract';
import { useFreshStore, type CreateEventStore } from './contract-fixtures';
import { expectationsContract } from './expectations.contract';
import { idempotencyContract } from './idempotency.contract';
import { readsContract } from './reads.contract';
import { subscriptionContract } from './subscription.contract';

export type { CreateEventStore, StoreUnderTest } from './contract-fixtures';

/**
 * The behaviour every EventStore adapter must show (the port's guarantees, DESIGN §4). Call it
 * from an adapter's spec; `create` gives a fresh empty store per test and a cleanup that closes
 * it and removes its files. Tests only assume what the port promises: positions strictly
 * increase but may have gaps, and nothing depends on timing beyond generous timeouts.
 */
export function eventStoreContract(name: string, create: CreateEventStore): void {
  describe(`${name} satisfies the EventStore contract`, () => {
    const store = useFreshStore(create);
    expectationsContract(store);
    idempotencyContract(store);
    readsContract(store);
    concurrencyContract(store);
    subscriptionContract(store);
  });
}
