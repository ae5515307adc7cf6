import type { RecordedEvent } from '../../../event-store/src/event-store.port';
import { toDomainEvent } from '../application/event-envelope';
import { assess } from '../domain/assess';
import type { AssuranceReason } from '../domain/assessment.types';
import { evolve } from '../domain/organization.evolve';
import { initialState, type OrganizationState } from '../domain/organization.state';

/** An event as a pack carries it: the stored envelope, bigints as decimal strings. */
export interface PackEvent {
  streamId: string;
  revision: string;
  position: string;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** The assessed status right after one event, at that event's business time. */
export interface StatusAfterEvent {
  eventId: string;
  revision: string;
  type: string;
  effectiveAt: string;
  recordedAt: string;
  status: string;
  flags: string[];
  reasons: AssuranceReason[];
}

function domainEvent(e: PackEvent) {
  return toDomainEvent(e as unknown as RecordedEvent);
}

/**
 * Replays a stream in revision order and assesses the status after each event at that event's
 * effectiveAt, over the events recorded so far: what the record said then, about then. Pure
 * domain code (evolve + assess), so an offline verifier re-derives exactly the same answers.
 */
export function statusTimeline(events: readonly PackEvent[]): { statuses: StatusAfterEvent[]; state: OrganizationState } {
  let state = initialState();
  const statuses = events.map((e) => {
    const d = domainEvent(e);
    state = evolve(state, d);
    const a = assess(state, d.effectiveAt);
    return {
      eventId: e.eventId,
      revision: e.revision,
      type: e.type,
      effectiveAt: d.effectiveAt,
      recordedAt: d.recordedAt,
      status: a.status,
      flags: [...a.flags],
      reasons: a.reasons,
    };
  });
  return { statuses, state };
}

const CSV_HEADER = ['revision', 'effectiveAt', 'recordedAt', 'type', 'eventId', 'actor', 'status', 'flags', 'reasons', 'hash'];

/**
 * The timeline as CSV (RFC 4180, CRLF): one row per event in range, its status after it and the
 * reason codes. Cells a spreadsheet would run as a formula are prefixed with a quote.
 */
export function timelineCsv(events: readonly PackEvent[], statuses: readonly StatusAfterEvent[], inRange: (e: PackEvent) => boolean): string {
  const rows = [CSV_HEADER];
  events.forEach((e, i) => {
    const s = statuses[i];
    if (!s || !inRange(e)) return;
    const actor = e.metadata.actor as { id?: string; role?: string } | undefined;
    rows.push([
      e.revision,
      s.effectiveAt,
      s.recordedAt,
      e.type,
      e.eventId,
      actor ? `${actor.id ?? ''} (${actor.role ?? ''})` : '',
      s.status,
      s.flags.join(' '),
      s.reasons.map((r) => r.code).join(' '),
      typeof e.metadata.hash === 'string' ? e.metadata.hash : '',
    ]);
  });
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
