import type { EventStore, RecordedEvent } from '../../../event-store/src/event-store.port';
import { notFound } from '../domain/domain-error';
import { fold } from '../domain/organization.evolve';
import type { OrganizationState } from '../domain/organization.state';
import { storedHash } from '../ledger/event-hash';
import type { StreamSnapshotSource } from '../snapshots/snapshot.types';
import { CommandIdReusedError } from './command-errors';
import { assertSameCommand } from './command-fingerprint';
import { metadataOf, toDomainEvent } from './event-envelope';
import type { CommandEnvelope } from './handle-command';
import { uuidFromName } from './ids';

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

/** What the command path decides on: the stream's state and last event, or an earlier outcome. */
export interface CurrentStream {
  revision: bigint;
  state: OrganizationState;
  last: RecordedEvent | undefined;
  lastHash: string | null;
  /** Set only when the whole stream was scanned and the command found in it. */
  prior: CommandOutcome | null;
}

/**
 * The command path's reads. Two ways to know whether a command was already recorded:
 * - by id (`findEvent`): its events' ids are `uuid(tenant:commandId:i)`, so the first one says
 *   whether and where it was recorded, and i = 1, 2… collect the rest, in O(events of the command);
 * - by scanning the stream's metadata for the commandId, when the store has no id index.
 * A stream snapshot is used only with the first: the second needs the whole stream anyway.
 */
export class CommandReader {
  constructor(
    private readonly store: EventStore,
    private readonly snapshots?: StreamSnapshotSource,
  ) {}

  private get byId(): boolean {
    return typeof this.store.findEvent === 'function';
  }

  /** The earlier outcome of this command, found by its event ids; null when never recorded (or no index). */
  async recordedByIds(env: CommandEnvelope, stream: string): Promise<CommandOutcome | null> {
    if (!this.byId) return null;
    const idOf = (i: number) => uuidFromName(`${env.tenantId}:${env.commandId}:${i}`);
    const first = await this.store.findEvent!(idOf(0));
    if (!first) return null;
    if (first.streamId !== stream) throw new CommandIdReusedError(env.commandId);
    assertSameCommand(env.commandId, env.command, metadataOf(first));
    const mine = [first];
    for (let i = 1; ; i++) {
      const next = await this.store.findEvent!(idOf(i));
      if (!next) break;
      mine.push(next);
    }
    return outcomeOf(env, mine);
  }

  async current(env: CommandEnvelope, stream: string): Promise<CurrentStream> {
    const snapshot = this.byId ? (this.snapshots?.latest(env.tenantId, env.organizationId) ?? null) : null;
    if (snapshot && snapshot.state.version === Number(snapshot.revision) + 1) {
      // Read from the snapshot's own revision: its last event carries the hash to chain to.
      const tail = await this.store.readStream(stream, { fromRevision: snapshot.revision });
      const last = tail[tail.length - 1];
      if (last && tail[0]!.revision === snapshot.revision) {
        const state = fold(tail.slice(1).map(toDomainEvent), snapshot.state);
        return { revision: last.revision, state, last, lastHash: storedHash(last), prior: null };
      }
    }
    const recorded = await this.store.readStream(stream);
    this.checkTenant(env, recorded);
    const last = recorded[recorded.length - 1];
    return {
      revision: last?.revision ?? -1n,
      state: fold(recorded.map(toDomainEvent)),
      last,
      lastHash: last ? storedHash(last) : null,
      prior: this.byId ? null : scanFor(env, recorded),
    };
  }

  /** After a refused append: was this command recorded meanwhile (a concurrent retry of it)? */
  async recordedAnyhow(env: CommandEnvelope, stream: string): Promise<CommandOutcome | null> {
    if (this.byId) return this.recordedByIds(env, stream);
    const recorded = await this.store.readStream(stream);
    this.checkTenant(env, recorded);
    return scanFor(env, recorded);
  }

  async afterDuplicate(env: CommandEnvelope, stream: string): Promise<CommandOutcome> {
    const prior = await this.recordedAnyhow(env, stream);
    if (prior) return prior;
    throw new CommandIdReusedError(env.commandId);
  }

  private checkTenant(env: CommandEnvelope, recorded: RecordedEvent[]): void {
    const first = recorded[0];
    if (first && metadataOf(first).tenantId !== env.tenantId) {
      // Another tenant's organization does not exist for this caller.
      notFound('ORGANIZATION_NOT_FOUND', `Organization ${env.organizationId} is not registered`);
    }
  }
}

/** The outcome of an earlier run of the same command, read back from the stream itself. */
function scanFor(env: CommandEnvelope, recorded: RecordedEvent[]): CommandOutcome | null {
  const mine = recorded.filter((e) => metadataOf(e).commandId === env.commandId);
  const last = mine[mine.length - 1];
  if (!last) return null;
  assertSameCommand(env.commandId, env.command, metadataOf(last));
  return outcomeOf(env, mine);
}

function outcomeOf(env: CommandEnvelope, mine: RecordedEvent[]): CommandOutcome {
  const last = mine[mine.length - 1]!;
  return { organizationId: env.organizationId, revision: last.revision, position: last.position, eventIds: mine.map((e) => e.eventId), replayed: true };
}
