import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

/**
 * Test support: a throwaway directory in os.tmpdir() holding one SQLite file, and every store or
 * raw connection opened on it, so `dispose` can close them all and delete the file with its -wal
 * and -shm companions. No jest here, so it compiles with the production code.
 */
export class TemporaryDatabase {
  readonly path: string;
  private readonly directory: string;
  private readonly handles: Array<{ close(): unknown }> = [];

  constructor(prefix = 'event-store-') {
    this.directory = mkdtempSync(join(tmpdir(), prefix));
    this.path = join(this.directory, 'events.sqlite');
  }

  open(options?: SqliteEventStoreOptions): SqliteEventStore {
    return this.track(new SqliteEventStore(this.path, options));
  }

  /** A plain connection on the same file, standing in for another process. */
  openRaw(): Database.Database {
    return this.track(new Database(this.path));
  }

  async dispose(): Promise<void> {
    for (const handle of this.handles.splice(0).reverse()) await handle.close();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private track<T extends { close(): unknown }>(handle: T): T {
    this.handles.push(handle);
    return handle;
  }
}
