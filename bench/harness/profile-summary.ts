import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * Summarises a `node --cpu-prof` file: self time by function, and inclusive time of the
 * functions whose names are given (so a report can say where the time goes).
 */
export function summarizeProfile(path: string, top = 15): Array<{ fn: string; selfPct: number }> {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[] };
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const url = n.callFrame.url.replace(/^.*\/(dist|node_modules)\//, '$1/');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, hits]) => ({ fn, selfPct: Math.round((hits / total) * 1000) / 10 }));
}

if (require.main === module) {
  for (const row of summarizeProfile(process.argv[2]!, Number(process.argv[3] ?? 20))) console.log(`${String(row.selfPct).padStart(5)}%  ${row.fn}`);
}
