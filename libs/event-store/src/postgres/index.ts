export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { connectPostgres, type ConnectPostgresOptions } from './postgres-connection';
export { ensureSchema, SCHEMA_VERSION } from './postgres-schema';
