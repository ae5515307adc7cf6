import {
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { Readable } from 'node:stream';
import type { EsdbClient } from './eventstoredb-event-store';

interface Stored {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string | undefined;
  position: bigint;
}
type ReadOpts = { fromRevision?: bigint | 'start' | 'end'; fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint };

/**
 * An in-process stand-in for an EventStoreDB server behind the client's API, for tests without a
 * server. It follows the server as documented and as its commit check behaves: positions are log
 * byte offsets with gaps, system events (`$…`) are interleaved, an `any` append is idempotent only
 * through a cache of committed ids, an exact revision behind the stream is checked event by event,
 * a stale revision with new ids is a WrongExpectedVersionError, and an expectation equal to the
 * stream's revision writes whatever ids it is given (duplicates included). Where the server's
 * behaviour is not documented it takes the less convenient reading: a backwards stream read from
 * beyond the end returns nothing; an idempotent append returns no position.
 * It proves the adapter's logic, not the server's semantics: the int spec does that.
 */
export class SimulatedEsdb {
  private readonly log: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly committedIds = new Map<string, Stored>();
  private readonly live = new Set<{ readable: Readable; matches: (record: Stored) => boolean }>();
  private position = 100n;
  private appends = 0;
  /** Every call fails as an unreachable server does. */
  down = false;
  /** Every call waits forever (a server that accepted the connection and never answers). */
  hang = false;
  subscriptionsOpened = 0;

  constructor() {
    this.write('$settings', [{ id: '00000000-0000-4000-8000-000000000001', type: '$settings', data: {}, metadata: undefined }]);
  }

  readonly client = {
    appendToStream: async (streamName: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) =>
      this.gate(() => this.append(streamName, Array.isArray(events) ? events : [events], options.expectedRevision ?? 'any')),
    readStream: (streamName: string, options: ReadOpts = {}) => this.readable(() => this.readStream(streamName, options)),
    readAll: (options: ReadOpts = {}) => this.readable(() => this.readAll(options)),
    subscribeToAll: (options: { fromPosition?: ReadPosition; filter?: Filter } = {}) => this.subscribe(options),
    dispose: async () => undefined,
  } as unknown as EsdbClient;

  /** Fails every open subscription, as a node restart does. */
  dropSubscriptions(): void {
    for (const subscription of [...this.live]) subscription.readable.destroy(new UnavailableError());
    this.live.clear();
  }

  private async gate<T>(run: () => T): Promise<T> {
    if (this.hang) return new Promise<never>(() => undefined);
    if (this.down) throw new UnavailableError();
    return run();
  }

  private append(name: string, events: EventData[], expected: AppendExpectedRevision): AppendResult {
    const stream = this.streams.get(name) ?? [];
    const current = stream.at(-1)?.revision ?? -1n;
    const decision = this.commitCheck(name, stream, current, expected, events.map((event) => event.id));
    if (decision === 'wrong') {
      throw new WrongExpectedVersionError(undefined, { streamName: name, expected, current: current < 0n ? 'no_stream' : current });
    }
    if (decision !== 'write') return { success: true, nextExpectedRevision: decision, position: undefined };
    const last = this.write(name, events);
    if (++this.appends % 3 === 0) this.write('$stats-node', [{ id: crypto.randomUUID(), type: '$statsCollected', data: {}, metadata: undefined }]);
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }

  /** The server's commit check: 'write', 'wrong', or the revision an idempotent append answers. */
  private commitCheck(name: string, stream: Stored[], current: bigint, expected: AppendExpectedRevision, ids: string[]) {
    if (expected === 'stream_exists') {
      if (current < 0n) return 'wrong' as const;
      expected = 'any';
    }
    if (expected === 'any') {
      let last: bigint | undefined;
      for (const [i, id] of ids.entries()) {
        const known = this.committedIds.get(id);
        if (known === undefined || known.streamId !== name) return i === 0 ? ('write' as const) : ('wrong' as const);
        last = known.revision;
      }
      return last ?? ('write' as const);
    }
    const from = expected === 'no_stream' ? -1n : expected;
    if (from > current) return 'wrong' as const;
    if (from === current) return 'write' as const;
    for (const [i, id] of ids.entries()) {
      if (stream[Number(from) + 1 + i]?.id !== id) return 'wrong' as const;
    }
    return from + BigInt(ids.length);
  }

  private write(name: string, events: Array<Pick<EventData, 'id' | 'type' | 'data' | 'metadata'>>): Stored {
    const stream = this.streams.get(name) ?? [];
    let record: Stored | undefined;
    for (const event of events) {
      const data = JSON.stringify(event.data); // what the client sends for application/json
      record = {
        streamId: name,
        revision: BigInt(stream.length),
        id: event.id,
        type: event.type,
        data,
        metadata: event.metadata === undefined ? undefined : JSON.stringify(event.metadata),
        position: this.position,
      };
      this.position += 40n + BigInt(Buffer.byteLength(data)); // a byte offset: gaps between events
      stream.push(record);
      this.log.push(record);
      this.committedIds.set(record.id, record);
      for (const subscription of this.live) if (subscription.matches(record)) subscription.readable.push(resolved(record));
    }
    this.streams.set(name, stream);
    return record as Stored;
  }

  private readStream(name: string, { fromRevision = 'start', direction = 'forwards', maxCount }: ReadOpts): Stored[] {
    const stream = this.streams.get(name);
    if (stream === undefined) throw new StreamNotFoundError(undefined, name);
    const limit = maxCount === undefined ? Infinity : Number(maxCount);
    if (direction === 'forwards') {
      const from = fromRevision === 'start' ? 0n : fromRevision === 'end' ? BigInt(stream.length) : fromRevision;
      return stream.filter((r) => r.revision >= from).slice(0, limit);
    }
    const last = BigInt(stream.length - 1);
    const from = fromRevision === 'end' ? last : fromRevision === 'start' ? 0n : fromRevision;
    if (from > last) return [];
    return stream.filter((r) => r.revision <= from).reverse().slice(0, limit);
  }

  /** Forwards from a position includes it; backwards from a position excludes it. */
  private readAll({ fromPosition = 'start', direction = 'forwards', maxCount }: ReadOpts): Stored[] {
    const limit = maxCount === undefined ? Infinity : Number(maxCount);
    if (direction === 'forwards') {
      const from = fromPosition === 'start' ? 0n : fromPosition === 'end' ? this.position : (fromPosition as Position).commit;
      return this.log.filter((r) => r.position >= from).slice(0, limit);
    }
    const before = fromPosition === 'end' ? this.position : fromPosition === 'start' ? 0n : (fromPosition as Position).commit;
    return this.log.filter((r) => r.position < before).reverse().slice(0, limit);
  }

  private readable(read: () => Stored[]) {
    const readable = new Readable({ objectMode: true, read: () => undefined });
    let ended = false;
    const end = () => {
      if (!ended) readable.push(null);
      ended = true;
    };
    setImmediate(() => {
      if (this.hang) return;
      if (this.down) return void readable.destroy(new UnavailableError());
      try {
        for (const record of read()) readable.push(resolved(record));
        end();
      } catch (error) {
        readable.destroy(error as Error);
      }
    });
    return Object.assign(readable, { cancel: async () => end() });
  }

  /** Starts after `fromPosition` (exclusive), catches up, then pushes live events; no gap. */
  private subscribe({ fromPosition = 'start', filter }: { fromPosition?: ReadPosition; filter?: Filter }) {
    this.subscriptionsOpened += 1;
    const readable = new Readable({ objectMode: true, read: () => undefined });
    const entry = { readable, matches: (record: Stored) => matches(filter, record.streamId) };
    const after = fromPosition === 'start' ? -1n : fromPosition === 'end' ? this.position : fromPosition.commit;
    setImmediate(() => {
      if (this.hang) return;
      if (this.down) return void readable.destroy(new UnavailableError());
      for (const record of this.log) if (record.position > after && entry.matches(record)) readable.push(resolved(record));
      this.live.add(entry);
    });
    const unsubscribe = async () => {
      this.live.delete(entry);
      readable.push(null);
    };
    return Object.assign(readable, { unsubscribe });
  }
}

function matches(filter: Filter | undefined, streamName: string): boolean {
  if (filter === undefined) return true;
  return 'prefixes' in filter ? filter.prefixes.some((p) => streamName.startsWith(p)) : new RegExp(filter.regex).test(streamName);
}

/** The client's resolved event for a stored record, as its gRPC conversion builds it. */
function resolved(record: Stored) {
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      revision: record.revision,
      type: record.type,
      isJson: true,
      created: new Date(),
      data: JSON.parse(record.data) as unknown,
      metadata: record.metadata === undefined ? undefined : (JSON.parse(record.metadata) as unknown),
      position: { commit: record.position, prepare: record.position },
    },
    commitPosition: record.position,
  };
}
