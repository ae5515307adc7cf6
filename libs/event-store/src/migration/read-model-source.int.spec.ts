import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureReadModelSource, recordedSource } from './read-model-source';

describe('ensureReadModelSource (real SQLite files)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-model-source-'));
    path = join(dir, 'read-models.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function withCheckpoint(position: number): void {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER, updated_at TEXT)');
    db.prepare(`INSERT OR REPLACE INTO projection_checkpoints VALUES ('organizations', ?, 'now')`).run(position);
    db.close();
  }

  it('records the source of a new file and keeps the file while the source stays', () => {
    expect(ensureReadModelSource(path, 'eventstoredb')).toBe('new');
    withCheckpoint(4096);
    expect(ensureReadModelSource(path, 'eventstoredb')).toBe('same');
    expect(recordedSource(path)).toBe('eventstoredb');
  });

  it('treats a file from before the marker, with checkpoints, as built from SQLite', () => {
    withCheckpoint(12);
    expect(ensureReadModelSource(path, 'sqlite')).toBe('same');
    expect(recordedSource(path)).toBe('sqlite');
  });

  it('deletes the file when the store changed, so the projections rebuild from the new store', () => {
    withCheckpoint(12);
    expect(ensureReadModelSource(path, 'eventstoredb')).toBe('rebuilt');
    expect(existsSync(`${path}-wal`)).toBe(false);
    const db = new Database(path);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
    db.close();
    expect(tables).toEqual([{ name: 'read_model_source' }]);
    expect(recordedSource(path)).toBe('eventstoredb');
  });
});
