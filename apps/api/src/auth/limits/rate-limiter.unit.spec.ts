import { RateLimiter } from './rate-limiter';

/** The token bucket per (tenant, subject), driven by an injected clock: no test waits. */
describe('RateLimiter', () => {
  let t: number;
  const clock = () => t;
  const takeN = (limiter: RateLimiter, key: string, n: number) => Array.from({ length: n }, () => limiter.take(key));

  beforeEach(() => {
    t = Date.UTC(2026, 2, 2, 9, 0, 0);
  });

  it('allows a burst of perMinute requests at once, then refuses', () => {
    const limiter = new RateLimiter(20, clock);
    expect(takeN(limiter, 'acme:alice', 20)).toEqual(Array(20).fill(true));
    expect(limiter.take('acme:alice')).toBe(false);
    expect(limiter.take('acme:alice')).toBe(false);
  });

  it('keeps keys apart: one exhausted token does not limit another', () => {
    const limiter = new RateLimiter(20, clock);
    takeN(limiter, 'acme:alice', 25);
    expect(limiter.take('acme:alice')).toBe(false);
    expect(limiter.take('acme:bob')).toBe(true);
    expect(limiter.take('globex:alice')).toBe(true);
  });

  it('refills continuously at perMinute a minute', () => {
    const limiter = new RateLimiter(60, clock);
    takeN(limiter, 'k', 60);
    expect(limiter.take('k')).toBe(false);
    t += 999;
    expect(limiter.take('k')).toBe(false);
    t += 1;
    expect(limiter.take('k')).toBe(true);
    expect(limiter.take('k')).toBe(false);
    t += 10_000;
    expect(takeN(limiter, 'k', 11)).toEqual([...Array(10).fill(true), false]);
  });

  it('refused requests do not earn more time: a client hammering while limited gets its rate, no less', () => {
    const limiter = new RateLimiter(60, clock);
    takeN(limiter, 'k', 60);
    let granted = 0;
    for (let ms = 0; ms < 60_000; ms += 50) {
      t += 50;
      if (limiter.take('k')) granted++;
    }
    expect(granted).toBe(60);
  });

  it('never holds more than one burst, however long a key was idle', () => {
    const limiter = new RateLimiter(20, clock);
    limiter.take('k');
    t += 24 * 3600_000;
    expect(takeN(limiter, 'k', 21)).toEqual([...Array(20).fill(true), false]);
  });

  it('sustains exactly perMinute over a long run', () => {
    const limiter = new RateLimiter(1200, clock);
    let granted = 0;
    for (let i = 0; i < 10 * 60 * 100; i++) {
      t += 10; // 100 attempts a second for ten minutes
      if (limiter.take('k')) granted++;
    }
    // One full burst plus ten minutes of refill.
    expect(granted).toBeGreaterThanOrEqual(1200 * 10);
    expect(granted).toBeLessThanOrEqual(1200 * 11);
  });

  it('a limit of one a minute is one a minute', () => {
    const limiter = new RateLimiter(1, clock);
    expect(limiter.take('k')).toBe(true);
    t += 59_999;
    expect(limiter.take('k')).toBe(false);
    t += 60_000;
    expect(limiter.take('k')).toBe(true);
  });

  it('a clock stepping backwards (NTP) does not lock a key out', () => {
    const limiter = new RateLimiter(20, clock);
    expect(limiter.take('k')).toBe(true);
    t -= 3600_000;
    // Whatever it allows now, it must not owe an hour of refill before serving again.
    limiter.take('k');
    t += 60_000;
    expect(limiter.take('k')).toBe(true);
  });

  it('drops idle buckets once it tracks over 100,000 keys, and still limits the busy ones', () => {
    const limiter = new RateLimiter(5, clock);
    takeN(limiter, 'busy', 5);
    for (let i = 0; i < 100_000; i++) limiter.take(`idle-${i}`);
    t += 60_000; // every idle bucket is full again; "busy" is too but is hit right away
    takeN(limiter, 'busy', 5);
    limiter.take('one-more');
    const size = (limiter as unknown as { buckets: Map<string, unknown> }).buckets.size;
    expect(size).toBeLessThan(1000);
    expect(limiter.take('busy')).toBe(false);
  });
});
