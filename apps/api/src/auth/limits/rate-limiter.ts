/**
 * A token bucket per key (tenant and subject): `perMinute` requests a minute on average, with a
 * burst of the same size. In memory, per API replica.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; false when the key has none left. */
  take(key: string): boolean {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    // Wall-clock time may step backwards (NTP): that earns nothing, and must not cost either.
    b.tokens = Math.min(this.perMinute, b.tokens + (Math.max(0, now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.evictFull(now);
    return ok;
  }

  /** Buckets back at full capacity carry no information; drop them to bound memory. */
  private evictFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (Math.max(0, now - b.at) / 60_000) * this.perMinute >= this.perMinute) this.buckets.delete(key);
    }
  }
}
