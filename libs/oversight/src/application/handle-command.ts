import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../../event-store/src/event-store.errors';
import type { EventStore, EventToAppend, RecordedEvent } from '../../../event-store/src/event-store.port';
import { notFound } from '../domain/domain-error';
import { fold } from '../domain/organization.evolve';
import { decide } from '../domain/organization.decider';
import type { OversightCommand } from '../domain/oversight.commands';
import { chainEvents, storedHash } from '../ledger/event-hash';
import type { Clock } from './clock';
import { CommandIdReusedError, ConcurrencyConflictError, RetriesExhaustedError } from './command-errors';
import {
  metadataOf,
  organizationStream,
  SCHEMA_VERSION,
  toDomainEvent,
  type Actor,
  type OversightMetadata,
} from './event-envelope';
import { uuidFromName } from './ids';

export interface CommandEnvelope {
  tenantId: string;
  actor: Actor;
  organizationId: string;
  command: OversightCommand;
  /** Idempotency key: the same id twice records once and answers with the first result. */
  commandId: string;
  /** The revision the client saw (-1 for none); a mismatch is a conflict, never retried. */
  expectedRevision?: bigint;
  effectiveAt?: string;
  correlationId?: string;
  causationId?: string | null;
}

export interface CommandOutcome {
  organizationId: string;
  /** The stream's revision after the command (-1 when it still has no event). */
  revision: bigint;
  /** Global position of the command's last event (or of the stream's last event for a no-op). */
  position: bigint;
  eventIds: string[];
  /** True when the commandId had already been recorded and nothing new was written. */
  replayed: boolean;
}

/**
 * The one command path (DESIGN §4): read the stream, fold, decide, append with the expected
 * revision. Without a client revision a conflict is retried on fresh state; with one it is
 * reported. Event ids derive from tenant and commandId, so a retried command is recognised.
 */
export class OversightCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly maxAttempts = 8,
  ) {}

  async handle(env: CommandEnvelope): Promise<CommandOutcome> {
    if (env.command.type === 'RegisterOrganization' && env.command.data.organizationId !== env.organizationId) {
      throw new Error('RegisterOrganization must name the organization of its envelope');
    }
    const stream = organizationStream(env.tenantId, env.organizationId);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const recorded = await this.store.readStream(stream);
      const prior = this.priorOutcome(env, recorded);
      if (prior) return prior;
      const revision = recorded.length > 0 ? recorded[recorded.length - 1]!.revision : -1n;
      if (env.expectedRevision !== undefined && env.expectedRevision !== revision) {
        throw new ConcurrencyConflictError(env.organizationId, env.expectedRevision, revision);
      }
      const now = this.clock.now().toISOString();
      const effectiveAt = env.effectiveAt ?? now;
      const decided = decide(env.command, fold(recorded.map(toDomainEvent)), { now, effectiveAt });
      if (decided.length === 0) {
        const last = recorded[recorded.length - 1];
        return { organizationId: env.organizationId, revision, position: last?.position ?? 0n, eventIds: [], replayed: false };
      }
      const metadata: OversightMetadata = {
        tenantId: env.tenantId,
        actor: env.actor,
        recordedAt: now,
        effectiveAt,
        correlationId: env.correlationId ?? env.commandId,
        causationId: env.causationId ?? null,
        commandId: env.commandId,
        commandType: env.command.type,
        schemaVersion: SCHEMA_VERSION,
      };
      // Tamper evidence (DESIGN §5): each event's hash chains to the last one read above, and
      // the events of this command chain to each other. A conflict re-reads, so re-chains.
      const last = recorded[recorded.length - 1];
      const events: EventToAppend[] = chainEvents(
        stream,
        revision + 1n,
        last ? storedHash(last) : null,
        decided.map((e, i) => ({
          eventId: uuidFromName(`${env.tenantId}:${env.commandId}:${i}`),
          type: e.type,
          data: e.data as unknown,
          metadata: { ...metadata } as Record<string, unknown>,
        })),
      );
      try {
        const result = await this.store.appendToStream(stream, events, {
          expectedRevision: revision === -1n ? 'no_stream' : revision,
        });
        return {
          organizationId: env.organizationId,
          revision: result.nextExpectedRevision,
          position: result.position,
          eventIds: events.map((e) => e.eventId),
          replayed: false,
        };
      } catch (error) {
        if (error instanceof DuplicateEventIdError) return this.afterDuplicate(env, stream);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (env.expectedRevision !== undefined) {
          const again = this.priorOutcome(env, await this.store.readStream(stream));
          if (again) return again;
          throw new ConcurrencyConflictError(env.organizationId, env.expectedRevision, error.actual ?? -1n);
        }
      }
    }
    throw new RetriesExhaustedError(env.organizationId, this.maxAttempts);
  }

  /** The outcome of an earlier run of the same command, read back from the stream itself. */
  private priorOutcome(env: CommandEnvelope, recorded: RecordedEvent[]): CommandOutcome | null {
    const first = recorded[0];
    if (first && metadataOf(first).tenantId !== env.tenantId) {
      // Another tenant's organization does not exist for this caller.
      notFound('ORGANIZATION_NOT_FOUND', `Organization ${env.organizationId} is not registered`);
    }
    const mine = recorded.filter((e) => metadataOf(e).commandId === env.commandId);
    const last = mine[mine.length - 1];
    if (!last) return null;
    if (metadataOf(last).commandType !== env.command.type) throw new CommandIdReusedError(env.commandId);
    return {
      organizationId: env.organizationId,
      revision: last.revision,
      position: last.position,
      eventIds: mine.map((e) => e.eventId),
      replayed: true,
    };
  }

  private async afterDuplicate(env: CommandEnvelope, stream: string): Promise<CommandOutcome> {
    const prior = this.priorOutcome(env, await this.store.readStream(stream));
    if (prior) return prior;
    throw new CommandIdReusedError(env.commandId);
  }
}
