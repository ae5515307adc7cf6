export { migrateEvents, countEvents, MigrationConflictError, type MigrationProgress, type MigrationReport, type MigrateOptions } from './migrate-events';
export { renderProgress, ProgressThrottle } from './migration-progress';
export { ensureReadModelSource, recordedSource } from './read-model-source';
