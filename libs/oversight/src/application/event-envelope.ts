import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import type { OversightEvent, RecordedOversightEvent } from '../domain/oversight.events';

export const SCHEMA_VERSION = 1;
export const ORGANIZATION_STREAM_PREFIX = 'organization-';

/** Between tenant and id in a stream name; neither tenant ids nor organization ids contain it. */
const TENANT_SEPARATOR = '~';

/**
 * `organization-<tenant>~<id>`: an organization id is unique within its tenant only, so another
 * tenant can neither squat an id nor learn from a refusal that it exists.
 */
export function organizationStream(tenantId: string, organizationId: string): string {
  return `${ORGANIZATION_STREAM_PREFIX}${tenantId}${TENANT_SEPARATOR}${organizationId}`;
}

export function organizationIdOf(streamId: string): string {
  const rest = streamId.slice(ORGANIZATION_STREAM_PREFIX.length);
  return rest.slice(rest.indexOf(TENANT_SEPARATOR) + 1);
}

export interface Actor {
  id: string;
  role: string;
}

/** The metadata every oversight event carries (DESIGN §4 "Event envelope"). */
export interface OversightMetadata {
  tenantId: string;
  actor: Actor;
  /** Server clock: when we learned it. */
  recordedAt: string;
  /** Business time: when it happened. Defaults to recordedAt. */
  effectiveAt: string;
  correlationId: string;
  causationId: string | null;
  commandId: string;
  /** The command that produced the event: a reused commandId for another command is refused. */
  commandType: string;
  /** sha256 of the command's type and payload (canonical JSON): a reused commandId must match it. */
  commandHash?: string;
  schemaVersion: number;
}

export type StoredOversightEvent = RecordedEvent<OversightEvent['type'], OversightEvent['data']> & {
  metadata: OversightMetadata & Record<string, unknown>;
};

/** The domain's view of a stored event: its type and data, its id and its two clocks. */
export function toDomainEvent(e: RecordedEvent): RecordedOversightEvent {
  const m = e.metadata as Partial<OversightMetadata>;
  const recordedAt = m.recordedAt ?? new Date(0).toISOString();
  return {
    type: e.type,
    data: e.data,
    eventId: e.eventId,
    recordedAt,
    effectiveAt: m.effectiveAt ?? recordedAt,
  } as RecordedOversightEvent;
}

export function metadataOf(e: RecordedEvent): OversightMetadata {
  return e.metadata as unknown as OversightMetadata;
}
