// Test-only entry point: importing this pulls in jest globals. Never import it from production code.
export { eventStoreContract, type CreateEventStore, type StoreUnderTest } from './event-store.contract';
