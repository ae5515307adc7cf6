import { eventStoreConfigWarnings, loadEventStoreConfig, readModelSourceOf } from './event-store-config';

describe('loadEventStoreConfig', () => {
  const esdb = { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' };

  it('defaults to the embedded SQLite store', () => {
    expect(loadEventStoreConfig({})).toEqual({ kind: 'sqlite' });
    expect(loadEventStoreConfig({ EVENT_STORE: ' SQLite ' })).toEqual({ kind: 'sqlite' });
  });

  it('reads EventStoreDB settings with their defaults', () => {
    expect(loadEventStoreConfig(esdb)).toEqual({
      kind: 'eventstoredb',
      connectionString: 'esdb://localhost:2113?tls=false',
      namespace: '',
      deadlineMs: 5000,
      startup: { attempts: 30, initialDelayMs: 500, maxDelayMs: 5000 },
    });
    const tuned = loadEventStoreConfig({
      ...esdb,
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://admin:changeit@cluster.local:2113',
      EVENTSTORE_NAMESPACE: 'staging/',
      EVENTSTORE_DEADLINE_MS: '2500',
      EVENTSTORE_STARTUP_ATTEMPTS: '3',
    });
    expect(tuned).toMatchObject({ namespace: 'staging/', deadlineMs: 2500, startup: { attempts: 3 } });
  });

  it('reads PostgreSQL settings (DATABASE_URL) with their defaults', () => {
    expect(loadEventStoreConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://app:secret@db:5432/ledger' })).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://app:secret@db:5432/ledger',
      schema: 'public',
      poolSize: 10,
      startup: { attempts: 30, initialDelayMs: 500, maxDelayMs: 5000 },
    });
    expect(
      loadEventStoreConfig({ EVENT_STORE: 'PostgreSQL', DATABASE_URL: 'postgresql://db/ledger', POSTGRES_SCHEMA: 'unit_a', POSTGRES_POOL_SIZE: '4' }),
    ).toMatchObject({ kind: 'postgres', schema: 'unit_a', poolSize: 4 });
  });

  it.each([
    [{ EVENT_STORE: 'mysql' }, /EVENT_STORE must be "sqlite", "postgres" or "eventstoredb", got "mysql"/],
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE=postgres needs DATABASE_URL/],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://db' }, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db', POSTGRES_SCHEMA: 'pg_x' }, /POSTGRES_SCHEMA/],
    [{ EVENT_STORE: 'eventstoredb' }, /needs EVENTSTORE_CONNECTION_STRING/],
    [{ ...esdb, EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, /must start with esdb:\/\//],
    [{ ...esdb, EVENTSTORE_DEADLINE_MS: '0' }, /EVENTSTORE_DEADLINE_MS must be a positive integer, got "0"/],
    [{ ...esdb, EVENTSTORE_STARTUP_ATTEMPTS: 'many' }, /EVENTSTORE_STARTUP_ATTEMPTS/],
    [{ ...esdb, EVENTSTORE_NAMESPACE: '$ce-' }, /must not start with \$/],
  ])('refuses %j', (env, message) => {
    expect(() => loadEventStoreConfig(env)).toThrow(message);
  });

  it('warns when a connection string is set but unused', () => {
    const env = { EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113' };
    expect(eventStoreConfigWarnings(loadEventStoreConfig(env), env)).toHaveLength(1);
    expect(eventStoreConfigWarnings(loadEventStoreConfig(esdb), esdb)).toEqual([]);
    const url = { DATABASE_URL: 'postgres://db/ledger' };
    expect(eventStoreConfigWarnings(loadEventStoreConfig(url), url)).toEqual([
      'DATABASE_URL is set but EVENT_STORE is sqlite: the embedded store is used; set EVENT_STORE=postgres to use it',
    ]);
  });

  it('names the read models’ source by kind and namespace', () => {
    expect(readModelSourceOf({ kind: 'sqlite' })).toBe('sqlite');
    const pg = { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u:p@db:5432/ledger' };
    expect(readModelSourceOf(loadEventStoreConfig(pg))).toBe('postgres:db:5432/ledger#public');
    expect(readModelSourceOf(loadEventStoreConfig(esdb))).toBe('eventstoredb');
    expect(readModelSourceOf(loadEventStoreConfig({ ...esdb, EVENTSTORE_NAMESPACE: 'a/' }))).toBe('eventstoredb:a/');
  });
});
