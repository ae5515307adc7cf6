import { nextMacrotask, take, within } from './contract/contract-fixtures';
import { AppendSignal, CatchUpSubscription } from './catch-up-subscription';
import type { RecordedEvent } from './event-store.port';

/**
 * The subscription's mechanics against a scripted source, where the interleavings that real
 * stores make rare (a commit landing during a read) can be forced deterministically.
 */
function scriptedSource(pageSize: number) {
  const events: RecordedEvent[] = [];
  const signal = new AppendSignal();
  const reads: Array<bigint | undefined> = [];
  let gate: Promise<void> | undefined;
  const source = {
    signal,
    pageSize,
    async readPage(after: bigint | undefined, maxCount: number) {
      reads.push(after);
      const snapshot = events.filter((event) => after === undefined || event.position > after).slice(0, maxCount);
      await gate; // the snapshot is taken when the read starts, as a database read would
      return snapshot;
    },
  };
  const commit = (count: number) => {
    for (let i = 0; i < count; i++) {
      const position = BigInt(events.length + 1);
      events.push({ streamId: 's', revision: position - 1n, position, eventId: `e${position}`, type: 'T', data: {}, metadata: {} });
    }
    signal.notify();
  };
  const holdReads = () => {
    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      gate = undefined;
      release();
    };
  };
  return { source, commit, reads, holdReads };
}

const positions = (events: RecordedEvent[]) => events.map((event) => event.position);

describe('CatchUpSubscription', () => {
  it('does not miss an event committed while a read is in flight', async () => {
    const { source, commit, holdReads } = scriptedSource(10);
    const subscription = new CatchUpSubscription(source, undefined);
    const release = holdReads();
    const first = subscription.next(); // starts a read that sees an empty store
    await nextMacrotask();
    commit(1); // its signal arrives during that read
    release();
    expect((await within(first, 1000, 'the event committed during the read')).value?.position).toBe(1n);
    await subscription.close();
  });

  it('keeps reading full pages without waiting for a signal', async () => {
    const { source, commit } = scriptedSource(2);
    commit(5);
    const subscription = new CatchUpSubscription(source, undefined);
    expect(positions(await take(subscription, 5, { timeoutMs: 1000 }))).toEqual([1n, 2n, 3n, 4n, 5n]);
    await subscription.close();
  });

  it('starts after the given position and reads one page ahead at most', async () => {
    const { source, commit, reads } = scriptedSource(3);
    commit(10);
    const subscription = new CatchUpSubscription(source, 4n);
    expect(positions(await take(subscription, 1))).toEqual([5n]);
    await nextMacrotask();
    expect(reads).toEqual([4n]);
    expect(positions(await take(subscription, 3))).toEqual([6n, 7n, 8n]);
    expect(reads).toEqual([4n, 7n]);
    await subscription.close();
  });

  it('serves concurrent next() calls one at a time, in order', async () => {
    const { source, commit } = scriptedSource(2);
    commit(3);
    const subscription = new CatchUpSubscription(source, undefined);
    const results = await Promise.all([subscription.next(), subscription.next(), subscription.next()]);
    expect(results.map((result) => result.value?.position)).toEqual([1n, 2n, 3n]);
    await subscription.close();
  });

  it('waits for a signal when caught up, and close() resolves a waiting next() as done', async () => {
    const { source, commit } = scriptedSource(10);
    const subscription = new CatchUpSubscription(source, undefined);
    const waiting = subscription.next();
    await nextMacrotask(); // the first read has found nothing
    commit(1);
    expect((await within(waiting, 1000, 'the signal to wake the read')).value?.position).toBe(1n);
    const pending = subscription.next();
    await subscription.close();
    expect(await within(pending, 1000, 'close to end the wait')).toEqual({ done: true, value: undefined });
  });

  it('re-reads on its poll interval without any signal', async () => {
    const { source, commit } = scriptedSource(10);
    const deaf = { ...source, signal: new AppendSignal(), pollIntervalMs: 10 };
    const subscription = new CatchUpSubscription(deaf, undefined);
    const waiting = subscription.next();
    await nextMacrotask(); // the first read has found nothing
    commit(1); // as from another process: no signal reaches this subscription
    expect((await within(waiting, 1000, 'the poll to find the event')).value?.position).toBe(1n);
    await subscription.close();
  });

  it('rejects next() when a read fails, and retries the same read on the next call', async () => {
    const { source, commit } = scriptedSource(10);
    commit(2);
    let failures = 1;
    const flaky = {
      ...source,
      readPage: (after: bigint | undefined, maxCount: number) =>
        failures-- > 0 ? Promise.reject(new Error('disk on fire')) : source.readPage(after, maxCount),
    };
    const subscription = new CatchUpSubscription(flaky, undefined);
    await expect(subscription.next()).rejects.toThrow('disk on fire');
    expect(positions(await take(subscription, 2))).toEqual([1n, 2n]);
    await subscription.close();
  });
});
