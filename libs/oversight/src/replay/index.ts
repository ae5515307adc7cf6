/** Bitemporal replay (DESIGN §5): pure functions over recorded events, no framework, no database. */
export * from './replay-event';
export * from './as-of';
export * from './portfolio-as-of';
export * from './portfolio-page';
export * from './exceptions-as-of';
export * from './timeline';
export * from './day-segments';
export * from './spans';
export * from './coverage-days';
export * from './coverage-parts';
export * from './coverage-gaps';
export * from './coverage-timeline';
export * from './carve-out-spans';
export * from './dependency-impact';
export * from './status-history';
export * from './portfolio-timelines';
