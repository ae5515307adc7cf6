import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { projectReadModel } from './project-read-model';

export interface DatasetSpec {
  organizations: number;
  years: number;
  heavy?: number;
  seed: number;
  /** YYYY-MM-DD: the last day of the history (fixed, so a data set can be reused). */
  end: string;
}

export interface Dataset extends DatasetSpec {
  dir: string;
  events: number;
  ids: string[];
}

/**
 * A generated data dir (bench/.data, not committed), made once per spec with `npm run generate`'s
 * code in a child process and reused by later runs; its read models are brought up to date.
 */
export async function ensureDataset(root: string, spec: DatasetSpec): Promise<Dataset> {
  const name = `o${spec.organizations}-y${spec.years}-h${spec.heavy ?? 0}-s${spec.seed}-e${spec.end}`;
  const dir = join(root, name);
  const marker = join(dir, 'dataset.json');
  if (!existsSync(marker)) {
    process.stderr.write(`bench: generating ${name}\n`);
    execFileSync(
      process.execPath,
      ['--max-old-space-size=6000', join(__dirname, '..', 'cli', 'generate.js'), '--organizations', String(spec.organizations), '--years', String(spec.years), '--heavy', String(spec.heavy ?? 0), '--seed', String(spec.seed), '--end', spec.end, '--data-dir', dir, '--no-project'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const head = await store.headPosition();
  // Projected here (not by the server at start) so no measurement pays for the catch-up.
  await projectReadModel(store, dir, { defer: !existsSync(join(dir, 'read-models.db')) });
  await store.close();
  if (!existsSync(marker)) writeFileSync(marker, JSON.stringify({ ...spec, events: Number(head) }));
  const recorded = JSON.parse(readFileSync(marker, 'utf8')) as { events: number };
  const ids = Array.from({ length: spec.organizations }, (_, i) => `org-${String(i).padStart(6, '0')}`);
  return { ...spec, dir, events: recorded.events, ids };
}
