import type { Database } from 'better-sqlite3';

/**
 * Replaces every table of the live read model with the rows of a rebuilt read-model file, in one
 * SQLite transaction: other connections (WAL) and this process's queries (better-sqlite3 is
 * synchronous) see either the old read model or the new one, never a mix. The live file keeps
 * its name, so a restart opens the rebuilt read model. Copies the projection checkpoints too,
 * so the live runner resumes where the rebuild stopped. Tables only the live file has are left.
 */
export function copyReadModelInto(live: Database, rebuiltPath: string): { tables: number; rows: number } {
  live.prepare('ATTACH DATABASE ? AS rebuilt').run(rebuiltPath);
  try {
    const tables = live
      .prepare("SELECT name, sql FROM rebuilt.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string; sql: string }>;
    let rows = 0;
    live.transaction(() => {
      for (const { name, sql } of tables) {
        const exists = live.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?").get(name);
        if (!exists) live.exec(sql);
        const columns = (live.pragma(`rebuilt.table_info(${quote(name)})`) as Array<{ name: string }>).map((c) => quote(c.name)).join(', ');
        live.prepare(`DELETE FROM main.${quote(name)}`).run();
        rows += live.prepare(`INSERT INTO main.${quote(name)} (${columns}) SELECT ${columns} FROM rebuilt.${quote(name)}`).run().changes;
      }
    })();
    return { tables: tables.length, rows };
  } finally {
    live.exec('DETACH DATABASE rebuilt');
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
