import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { organizationStream } from '../../../../libs/oversight/src/application/event-envelope';
import { scanLedger } from '../../../../libs/oversight/src/ledger/ledger-scan';
import { EVENT_STORE } from '../infrastructure/tokens';

type Scan = Awaited<ReturnType<typeof scanLedger>>;

const PAGE = 250;

/**
 * One verification of the whole ledger at a time, shared by every request that asks meanwhile,
 * and reused while the store's head has not moved. Ten concurrent verifyLedger calls (aliases,
 * tenants) cost one scan, not ten, and the scan yields to the event loop between pages
 * (ledger-scan.ts), so other requests are served while it runs. A request may get the verdict
 * of a scan that started shortly before it (at most one scan old).
 */
@Injectable()
export class LedgerScans {
  private inFlight: Promise<Scan> | null = null;
  private last: { head: bigint; scan: Scan } | null = null;
  private readonly counts = new Map<string, Promise<number>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async latest(): Promise<Scan> {
    const head = await this.store.headPosition();
    if (this.last && this.last.head === head) return this.last.scan;
    this.inFlight ??= scanLedger(this.store)
      .then((scan) => {
        this.last = { head, scan };
        return scan;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /**
   * How many events a tenant holds: its own streams only (cost bounded by the tenant's size),
   * counted once per head and shared by concurrent callers.
   */
  async tenantEventCount(tenantId: string): Promise<number> {
    const head = await this.store.headPosition();
    const key = `${tenantId}@${head}`;
    let count = this.counts.get(key);
    if (!count) {
      count = this.countEvents(tenantId);
      this.counts.set(key, count);
      count.catch(() => this.counts.delete(key));
      while (this.counts.size > 64) this.counts.delete(this.counts.keys().next().value!);
    }
    return count;
  }

  private async countEvents(tenantId: string): Promise<number> {
    const streamPrefix = organizationStream(tenantId, '');
    let count = 0;
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE, streamPrefix });
      count += page.length;
      if (page.length < PAGE) return count;
      after = page[page.length - 1]!.position;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
