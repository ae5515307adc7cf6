/** Callers waiting until the runner has passed a position (read-your-writes). */
export class PositionWaiters {
  private waiting: Array<{ position: bigint; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }> = [];

  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const entry = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiting = this.waiting.filter((w) => w !== entry);
          resolve(false);
        }, timeoutMs),
      };
      this.waiting.push(entry);
    });
  }

  release(reached: bigint): void {
    const [done, rest] = [this.waiting.filter((w) => w.position <= reached), this.waiting.filter((w) => w.position > reached)];
    this.waiting = rest;
    for (const w of done) {
      clearTimeout(w.timer);
      w.resolve(true);
    }
  }

  rejectAll(): void {
    for (const w of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiting = [];
  }
}
