import type { ServerProcess } from '../harness/server-process';

/** Crashes and restarts the store itself (PostgreSQL), while the API keeps running. */
export interface StoreOutage {
  /** Every this many cycles, the store crashes instead of the API. */
  every: number;
  crash(): void;
  restart(): void;
}

/** What one outage showed: how commands were refused and what /health said. */
export interface OutageReport {
  refused: number;
  slowestRefusalMs: number;
  healthDown: number;
  healthUp: number;
  upAfterMs: number;
}

/** Commands refused during an outage must be refused within this (the pool's connect timeout is 5 s). */
export const FAIL_FAST_MS = 6000;

async function healthStatus(server: ServerProcess): Promise<number> {
  return fetch(`http://127.0.0.1:${server.port}/health`).then((r) => r.status, () => 0);
}

/**
 * The store goes down under write load: waits until commands are being refused (the workers
 * stop at their first refusal) and /health says 503, then restarts the store and waits until
 * /health says 200 again. The refused commands stay unacknowledged: the next cycle retries them.
 */
export async function runOutage(
  server: ServerProcess,
  outage: StoreOutage,
  refusals: { count: number; slowestMs: number },
  workersDone: Promise<unknown>,
): Promise<OutageReport> {
  outage.crash();
  await workersDone; // each worker ends at its first SERVICE_UNAVAILABLE
  const healthDown = await healthStatus(server);
  const started = Date.now();
  outage.restart();
  let healthUp = 0;
  while (Date.now() - started < 60_000 && (healthUp = await healthStatus(server)) !== 200) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return { refused: refusals.count, slowestRefusalMs: refusals.slowestMs, healthDown, healthUp, upAfterMs: Date.now() - started };
}

/** An outage passes when commands were refused fast and health went from 503 to 200. */
export function outageHeld(report: OutageReport): boolean {
  return report.refused > 0 && report.slowestRefusalMs <= FAIL_FAST_MS && report.healthDown === 503 && report.healthUp === 200;
}
