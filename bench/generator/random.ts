/**
 * A seeded PRNG (mulberry32): small, fast and the same on every machine, so one seed always
 * plans the same portfolio. Each organization draws from its own stream (seed and index), so its
 * history does not depend on how many organizations are generated beside it.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static of(...parts: number[]): Random {
    let h = 2166136261;
    for (const p of parts) h = Math.imul(h ^ (p >>> 0), 16777619) ^ (h >>> 13);
    return new Random(h);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` distinct items, in the list's order. */
  sample<T>(items: readonly T[], count: number): T[] {
    // Selection sampling: keep each item with probability (still needed) / (still left).
    const out: T[] = [];
    items.forEach((item, i) => {
      if (out.length < count && this.next() < (count - out.length) / (items.length - i)) out.push(item);
    });
    return out;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }
}
