import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../../event-store/src/event-store.errors';
import type { EventStore } from '../../../event-store/src/event-store.port';
import { decideServiceAuditorVetting, type ServiceAuditorVettedData } from '../domain/service-auditor';
import { requireSaneClock } from '../domain/organization.decider.guards';
import { chainEvents } from '../ledger/event-hash';
import type { VettingRecord } from '../replay/tenant-facts-as-of';
import type { Clock } from './clock';
import { ConcurrencyConflictError } from './command-errors';
import { SCHEMA_VERSION, type Actor } from './event-envelope';
import { uuidFromName } from './ids';

/** `service-auditors-<tenant>`: outside the `organization-` prefix; the organizations projection keeps its vetted firms. */
export function serviceAuditorStream(tenantId: string): string {
  return `service-auditors-${tenantId}`;
}

export interface VetOutcome {
  revision: bigint;
  position: bigint;
  eventIds: string[];
  replayed: boolean;
}

/**
 * Records ServiceAuditorVetted facts of a tenant, hash-chained like every other stream, the same
 * commandId recording once; and lists the firms vetted, as known at a moment.
 */
export class ServiceAuditorRegistry {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async vet(
    env: { tenantId: string; actor: Actor; commandId: string; effectiveAt?: string; expectedRevision?: bigint },
    data: ServiceAuditorVettedData,
  ): Promise<VetOutcome> {
    const stream = serviceAuditorStream(env.tenantId);
    const eventId = uuidFromName(`${env.tenantId}:${env.commandId}:0`);
    const existing = await this.store.readStream(stream);
    const earlier = existing.find((e) => e.eventId === eventId);
    if (earlier) return { revision: earlier.revision, position: earlier.position, eventIds: [eventId], replayed: true };
    const revision = existing.length === 0 ? -1n : existing[existing.length - 1]!.revision;
    if (env.expectedRevision !== undefined && env.expectedRevision !== revision) {
      throw new ConcurrencyConflictError(env.tenantId, env.expectedRevision, revision);
    }
    const now = this.clock.now().toISOString();
    const context = { now, effectiveAt: env.effectiveAt ?? now };
    requireSaneClock(context);
    const [event] = decideServiceAuditorVetting(data, context);
    const metadata = {
      tenantId: env.tenantId, actor: env.actor, recordedAt: now, effectiveAt: context.effectiveAt, correlationId: env.commandId,
      causationId: null, commandId: env.commandId, commandType: 'VetServiceAuditor', schemaVersion: SCHEMA_VERSION,
    };
    const last = existing[existing.length - 1];
    const previousHash = (last?.metadata as { hash?: string } | undefined)?.hash ?? null;
    const events = chainEvents(stream, revision + 1n, previousHash, [{ eventId, type: event!.type, data: event!.data as unknown, metadata }]);
    try {
      const result = await this.store.appendToStream(stream, events, { expectedRevision: revision === -1n ? 'no_stream' : revision });
      return { revision: result.nextExpectedRevision, position: result.position, eventIds: [eventId], replayed: false };
    } catch (error) {
      if (error instanceof DuplicateEventIdError || error instanceof WrongExpectedRevisionError) return this.vet(env, data);
      throw error;
    }
  }

  /** Every vetting with its two clocks, for as-of answers (replay/tenant-facts-as-of.ts). */
  async records(tenantId: string): Promise<VettingRecord[]> {
    const events = await this.store.readStream(serviceAuditorStream(tenantId));
    return events
      .filter((e) => e.type === 'ServiceAuditorVetted')
      .map((e) => {
        const m = e.metadata as { effectiveAt?: string; recordedAt?: string };
        return { firm: (e.data as ServiceAuditorVettedData).firm, effectiveAt: String(m.effectiveAt), recordedAt: String(m.recordedAt) };
      });
  }

  /** The firms vetted, with the business time of their vetting; `knownAt` limits to what was recorded by then. */
  async vetted(tenantId: string, knownAt?: string): Promise<Array<ServiceAuditorVettedData & { effectiveAt: string }>> {
    const events = await this.store.readStream(serviceAuditorStream(tenantId));
    return events
      .filter((e) => e.type === 'ServiceAuditorVetted')
      .filter((e) => knownAt === undefined || String((e.metadata as { recordedAt?: string }).recordedAt) <= knownAt)
      .map((e) => ({ ...(e.data as ServiceAuditorVettedData), effectiveAt: String((e.metadata as { effectiveAt?: string }).effectiveAt) }));
  }
}
