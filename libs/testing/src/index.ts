export * from './decider-spec';
export * from './oversight-history';
