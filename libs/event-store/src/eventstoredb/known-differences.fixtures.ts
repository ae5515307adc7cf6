/// <reference types="jest" />

/**
 * Contract tests EventStoreDB cannot pass by design, each with the reason (README "Scaling out").
 * They are registered as skipped, with the reason in their title, never run and never "passed".
 */
export const ESDB_KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'an id already used by another stream fails and creates nothing':
    'EventStoreDB keeps no index of event ids across streams; ids are checked per stream only',
};

/**
 * Runs `define` (which registers tests) with jest's global `it` replaced, for that call only, by
 * one that registers the named tests as skipped. Fails if a named test no longer exists, so that
 * the list cannot silently go stale when the contract changes.
 */
export function withKnownDifferences(differences: Readonly<Record<string, string>>, define: () => void): void {
  const realIt = globalThis.it;
  const seen = new Set<string>();
  const patched = (title: string, fn?: jest.ProvidesCallback, timeout?: number) => {
    const reason = differences[title];
    if (reason === undefined) return realIt(title, fn, timeout);
    seen.add(title);
    return realIt.skip(`${title} [SKIPPED on EventStoreDB: ${reason}]`, fn, timeout);
  };
  globalThis.it = Object.assign(patched, realIt) as jest.It;
  try {
    define();
  } finally {
    globalThis.it = realIt;
  }
  const missing = Object.keys(differences).filter((title) => !seen.has(title));
  if (missing.length > 0) throw new Error(`Known differences not found in the contract: ${missing.join('; ')}`);
}
