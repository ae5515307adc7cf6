/**
 * Runs tasks one after another per key, tasks of different keys side by side. The command path
 * serializes the calls of one commandId: of concurrent retries, the first writes and the others
 * then find its events (replayed), instead of racing to append the same event ids. Not a global
 * lock: other commands never wait. In memory, so per process; across processes the command path
 * checks that the events stored under its ids are its own (handle-command.ts).
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // The last task of a key removes it, so the map holds only keys with work in flight.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
