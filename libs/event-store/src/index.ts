export * from './event-store.port';
export * from './event-store.errors';
export { InMemoryEventStore } from './in-memory-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export type { BatchCommitted } from './sqlite/group-commit';
export { EventStoreDbEventStore, connectEventStoreDb, type EventStoreDbOptions, type ConnectOptions } from './eventstoredb';
export { migrateEvents, MigrationConflictError, type MigrationReport } from './migration';
// The contract suite imports jest globals: import it from './contract' in specs only.
export { PostgresEventStore, connectPostgres, type PostgresEventStoreOptions, type ConnectPostgresOptions } from './postgres';
