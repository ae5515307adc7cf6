/** Snapshots: stream snapshots for the command path, as-of snapshots for bitemporal replay. */
export * from './snapshot.types';
export * from './stream-snapshot-cache';
export * from './read-model-stream-snapshots';
export * from './as-of-snapshot';
export * from './as-of-snapshot-table';
export * from './as-of-snapshot-writer';
export * from './as-of-snapshot.projection';
export * from './snapshot-replay';
export * from './seeded-folder';
