import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { organizationStream } from '../../../../libs/oversight/src/application/event-envelope';
import { scanLedger } from '../../../../libs/oversight/src/ledger/ledger-scan';
import { SharedWork } from '../common/shared-work';
import { EVENT_STORE } from '../infrastructure/tokens';
import { LedgerService } from './ledger.service';

type Scan = Awaited<ReturnType<typeof scanLedger>>;

const PAGE = 250;

/**
 * Verification of the whole ledger shared by the requests asking at the same time (SharedWork):
 * ten aliased verifyLedger, or ten tenants at once, cost one scan, and the scan yields to the
 * event loop as it goes (ledger-scan.ts), so other requests are served meanwhile. A verdict is
 * at most one scan and one second old.
 */
@Injectable()
export class LedgerScans {
  private readonly scans = new SharedWork<Scan>(1000, 4);
  private readonly counts = new SharedWork<number>(1000, 64);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly ledger: LedgerService,
  ) {}

  /** A scan pinned to the server's own signing key (as LedgerService knows it). */
  async latest(): Promise<Scan> {
    const head = await this.store.headPosition();
    const key = this.ledger.publicKeyPem;
    return this.scans.get(`${head}:${key ?? ''}`, () => scanLedger(this.store, key));
  }

  /** How many events a tenant holds: its own streams only (cost bounded by the tenant's size). */
  async tenantEventCount(tenantId: string): Promise<number> {
    const head = await this.store.headPosition();
    return this.counts.get(`${tenantId}@${head}`, () => this.countEvents(tenantId));
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
