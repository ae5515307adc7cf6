import { Controller, Get, Headers, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { Authenticator } from '../auth/authenticator';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import { describeConnection } from '../../../../libs/event-store/src/eventstoredb/eventstoredb-connection';
import { EVENT_STORE_CONFIG, type EventStoreConfig } from '../config/event-store-config';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ProjectionService } from '../infrastructure/projection.service';
import { LedgerService } from '../audit/ledger.service';

/** What a difference of two positions counts, per store. */
const POSITION_UNITS = { sqlite: 'events', eventstoredb: 'log-bytes', postgres: 'transaction-order' } as const;

/** How long the health check waits for the store's head before calling it unreachable. */
const STORE_CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness and lag: which store, whether it answers, and whether each projection of this replica
 * has caught up. HTTP 503 when the store does not answer (a load balancer then stops sending
 * commands here); 200 otherwise, `degraded` when a projection batch keeps failing or ledger
 * sealing is halted (`ledger.sealing: HALTED` with the reason, which names no tenant).
 * Unauthenticated, it shows no numbers (the head position is every tenant's write volume); an
 * operator token (claim `operator: true`) also sees the head, each projection's position and
 * lag (in the store's unit: events for SQLite, bytes of the log for EventStoreDB; for PostgreSQL,
 * positions from transaction ids, only `caughtUp` is meaningful) and errors.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STORE_CONFIG) private readonly storeConfig: EventStoreConfig,
    private readonly projections: ProjectionService,
    private readonly ledger: LedgerService,
    private readonly auth: Authenticator,
  ) {}

  @Get()
  async health(@Headers('authorization') authorization?: string) {
    const operator = await this.isOperator(authorization);
    const full = await this.details();
    const body = operator ? full : publicView(full);
    if (full.store.reachable === false) throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }

  private async isOperator(authorization: string | undefined): Promise<boolean> {
    if (!authorization) return false;
    return this.auth.authenticate(authorization).then((c) => c.operator === true, () => false);
  }

  private async details() {
    const { head, error } = await this.storeHead();
    const checkpoints = this.projections.runner.checkpoints();
    const lastError = this.projections.runner.lastError;
    const config = this.storeConfig;
    const unit = POSITION_UNITS[config.kind];
    // HALTED: the store does not extend the latest signed head; nothing is signed until an ADMIN re-seals.
    const ledger = this.ledger.status();
    const body = {
      status: head === null ? 'unavailable' : lastError || ledger.state === 'HALTED' ? 'degraded' : 'ok',
      ledger: { sealing: ledger.state, ...(ledger.reason ? { reason: ledger.reason } : {}) },
      store: {
        kind: config.kind,
        ...(config.kind !== 'sqlite' ? { endpoint: describeConnection(config.connectionString) } : {}),
        reachable: head !== null,
        headPosition: head === null ? null : String(head),
        positionUnit: unit,
        ...(error ? { error } : {}),
      },
      projections: Object.entries(checkpoints).map(([name, position]) => ({
        name,
        position: String(position),
        caughtUp: head === null ? null : position >= head,
        // PostgreSQL positions are transaction ids, not counts: a difference of two means nothing.
        lag: head === null || unit === 'transaction-order' ? null : String(head > position ? head - position : 0n),
      })),
      ...(lastError ? { lastProjectionError: String(lastError) } : {}),
    };
    return body;
  }

  private async storeHead(): Promise<{ head: bigint | null; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${STORE_CHECK_TIMEOUT_MS} ms`)), STORE_CHECK_TIMEOUT_MS);
    });
    try {
      return { head: await Promise.race([this.store.headPosition(), timeout]) };
    } catch (error) {
      return { head: null, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What anyone may see: states and names, no positions, lags or store error texts. */
function publicView(full: Awaited<ReturnType<HealthController['details']>>) {
  const { headPosition: _head, error: _error, ...store } = full.store;
  return {
    status: full.status,
    // Sealing state and its reason name no tenant: anyone may see that the ledger is halted.
    ledger: full.ledger,
    store,
    projections: full.projections.map((p) => ({ name: p.name, caughtUp: p.caughtUp })),
  };
}
