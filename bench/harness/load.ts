import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { LoadResult, LoadSpec } from './load-worker';

export type { LoadResult, LoadSpec } from './load-worker';

/** Runs the load generator in a child process and returns what it measured. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(__dirname, 'load-worker.js'), JSON.stringify(spec)], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`load worker failed: ${stderr || String(error)}`));
      resolve(JSON.parse(stdout) as LoadResult);
    });
  });
}
