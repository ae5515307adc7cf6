import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../../event-store/src/event-store.errors';
import type { EventStore, EventToAppend } from '../../../event-store/src/event-store.port';
import { fold } from '../domain/organization.evolve';
import { decide } from '../domain/organization.decider';
import type { OversightCommand } from '../domain/oversight.commands';
import { chainEvents, storedHash } from '../ledger/event-hash';
import type { StreamSnapshotSource } from '../snapshots/snapshot.types';
import type { Clock } from './clock';
import { ConcurrencyConflictError, RetriesExhaustedError } from './command-errors';
import { commandHash } from './command-fingerprint';
import { CommandReader, type CommandOutcome } from './command-reader';
import { organizationStream, SCHEMA_VERSION, toDomainEvent, type Actor, type OversightMetadata } from './event-envelope';
import { uuidFromName } from './ids';
import { KeyedSerializer } from './keyed-serializer';

export type { CommandOutcome } from './command-reader';

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

/**
 * The one command path (DESIGN §4): read the stream, fold, decide, append with the expected
 * revision. Without a client revision a conflict is retried on fresh state; with one it is
 * reported. Event ids derive from tenant and commandId, so a retried command is recognised.
 *
 * With a snapshot source (optional) it reads only the stream's tail after the latest snapshot,
 * and recognises a retried command by its first event id (`findEvent`), so its cost does not
 * grow with the stream's length. Without either it reads and folds the whole stream.
 */
export class OversightCommandHandler {
  private readonly reader: CommandReader;
  private readonly serializer = new KeyedSerializer();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly maxAttempts = 8,
    private readonly snapshots?: StreamSnapshotSource,
  ) {
    this.reader = new CommandReader(store, snapshots);
  }

  async handle(env: CommandEnvelope): Promise<CommandOutcome> {
    if (env.command.type === 'RegisterOrganization' && env.command.data.organizationId !== env.organizationId) {
      throw new Error('RegisterOrganization must name the organization of its envelope');
    }
    // Concurrent calls of one commandId run one after another (in this process); see KeyedSerializer.
    return this.serializer.run(`${env.tenantId}:${env.commandId}`, () => this.handleAlone(env));
  }

  private async handleAlone(env: CommandEnvelope): Promise<CommandOutcome> {
    const stream = organizationStream(env.tenantId, env.organizationId);
    const earlier = await this.reader.recordedByIds(env, stream);
    if (earlier) return earlier;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const current = await this.reader.current(env, stream);
      if (current.prior) return current.prior;
      const { revision, last } = current;
      if (env.expectedRevision !== undefined && env.expectedRevision !== revision) {
        throw new ConcurrencyConflictError(env.organizationId, env.expectedRevision, revision);
      }
      const now = this.clock.now().toISOString();
      const effectiveAt = env.effectiveAt ?? now;
      const decided = decide(env.command, current.state, { now, effectiveAt });
      if (decided.length === 0) {
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
        commandHash: commandHash(env.command),
        schemaVersion: SCHEMA_VERSION,
      };
      // Tamper evidence (DESIGN §5): each event's hash chains to the last one read above, and
      // the events of this command chain to each other. A conflict re-reads, so re-chains.
      const events: EventToAppend[] = chainEvents(
        stream,
        revision + 1n,
        current.lastHash,
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
        // The store answers an append of ids it already holds as a success: another process may
        // have recorded this commandId first. Only events carrying our own hash are ours.
        if (!(await this.wroteOwn(events[0]!))) return this.reader.afterDuplicate(env, stream);
        this.remember(env, current.state, events, result.nextExpectedRevision);
        return {
          organizationId: env.organizationId,
          revision: result.nextExpectedRevision,
          position: result.position,
          eventIds: events.map((e) => e.eventId),
          replayed: false,
        };
      } catch (error) {
        if (error instanceof DuplicateEventIdError) return this.reader.afterDuplicate(env, stream);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (env.expectedRevision !== undefined) {
          const again = await this.reader.recordedAnyhow(env, stream);
          if (again) return again;
          throw new ConcurrencyConflictError(env.organizationId, env.expectedRevision, error.actual ?? -1n);
        }
      }
    }
    throw new RetriesExhaustedError(env.organizationId, this.maxAttempts);
  }

  /** Whether the event stored under this id is the one this call appended (by its hash). */
  private async wroteOwn(event: EventToAppend): Promise<boolean> {
    if (typeof this.store.findEvent !== 'function') return true;
    const stored = await this.store.findEvent(event.eventId);
    return !!stored && storedHash(stored) === storedHash(event as { metadata: Record<string, unknown> });
  }

  /** Offers the state after the append to the snapshot source, folded from the events as stored (JSON). */
  private remember(env: CommandEnvelope, before: ReturnType<typeof fold>, events: EventToAppend[], revision: bigint): void {
    if (!this.snapshots?.remember) return;
    const stored = events.map((e, i) =>
      toDomainEvent({
        streamId: '',
        revision: revision - BigInt(events.length - 1 - i),
        position: 0n,
        eventId: e.eventId,
        type: e.type,
        data: JSON.parse(JSON.stringify(e.data)) as unknown,
        metadata: e.metadata,
      }),
    );
    this.snapshots.remember(env.tenantId, env.organizationId, { revision, state: fold(stored, before) });
  }
}
