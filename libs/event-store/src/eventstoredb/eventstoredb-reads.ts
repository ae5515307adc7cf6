import { BACKWARDS, END, FORWARDS, START, type AllStreamResolvedEvent, type Direction, type ReadPosition } from '@eventstore/db-client';
import type { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { PositionGuard, toReadPosition, toRecordedEvent, type StreamNames } from './eventstoredb-mapping';

export interface PagedReadAll extends ReadAllOptions {
  /** One page of $all as the client reads it (system events included). */
  read(options: { fromPosition: ReadPosition; direction: Direction; maxCount: number }): Promise<AllStreamResolvedEvent[]>;
  names: StreamNames;
  pageSize: number;
}

/**
 * The port's readAll over the client's: pages through $all from `after`, keeps the events of
 * the namespace and prefix, stops at `maxCount`. Version 6 of the client cannot filter a read on
 * the server (only subscriptions), so a prefix read scans every event in between; system events
 * (`$…` streams) are always left out.
 *
 * `after` is exclusive in both directions whatever the server does at a page boundary: the
 * guard drops any event at or beyond the last one kept, so a page starting on the previous page's
 * last event repeats nothing.
 */
export async function readAllPages(options: PagedReadAll): Promise<RecordedEvent[]> {
  const { after, names } = options;
  // A forwards page starts on the last event of the previous one, so a page must hold two.
  const pageSize = Math.max(2, options.pageSize);
  const limit = options.maxCount ?? Infinity;
  const backwards = options.direction === 'backwards';
  const prefix = options.streamPrefix ?? '';
  if (limit === 0 || (backwards && after !== undefined && after <= 0n)) return [];
  const guard = new PositionGuard(after === undefined || after <= 0n ? undefined : after, backwards ? 'backwards' : 'forwards');
  let from: ReadPosition = after === undefined ? (backwards ? END : START) : toReadPosition(after);
  const picked: RecordedEvent[] = [];
  for (;;) {
    const page = await options.read({ fromPosition: from, direction: backwards ? BACKWARDS : FORWARDS, maxCount: pageSize });
    for (const { event: record } of page) {
      const event = record === undefined ? null : toRecordedEvent(record, names);
      if (event === null || !event.streamId.startsWith(prefix) || !guard.admit(event)) continue;
      picked.push(event);
      if (picked.length >= limit) return picked;
    }
    const last = page.at(-1)?.event?.position;
    if (page.length < pageSize || last === undefined) return picked;
    from = last;
  }
}
