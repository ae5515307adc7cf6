import { EMPTY_ROOT, nodeHash, type Leaf } from './merkle-tree';

/**
 * The right edge of the tree (one root per perfect subtree, largest first): appending a leaf and
 * computing the root cost O(log n), so the checkpointer and the verifier never re-hash the log.
 */
export class MerkleFrontier {
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];
  size = 0;

  push(leaf: Buffer): void {
    this.stack.push({ size: 1, hash: leaf });
    this.size++;
    while (this.stack.length > 1 && this.stack[this.stack.length - 1]!.size === this.stack[this.stack.length - 2]!.size) {
      const right = this.stack.pop()!;
      const left = this.stack.pop()!;
      this.stack.push({ size: left.size * 2, hash: nodeHash(left.hash, right.hash) });
    }
  }

  root(): string {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return acc.toString('hex');
  }
}

/**
 * Leaf hashes kept in one growing buffer (32 bytes a leaf) with each event's store position, for
 * proofs over any signed size and for finding an event's leaf index.
 */
export class LeafLog {
  private buffer = Buffer.alloc(32 * 1024);
  private positions = new BigInt64Array(1024);
  size = 0;

  push(leaf: Buffer, position = 0n): void {
    if ((this.size + 1) * 32 > this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger);
      this.buffer = bigger;
      const more = new BigInt64Array(this.positions.length * 2);
      more.set(this.positions);
      this.positions = more;
    }
    leaf.copy(this.buffer, this.size * 32);
    this.positions[this.size] = position;
    this.size++;
  }

  positionAt(i: number): bigint {
    if (i < 0 || i >= this.size) throw new RangeError(`no leaf ${i}`);
    return this.positions[i]!;
  }

  /** The leaf index of the event at `position` (positions only grow), or -1. */
  indexOf(position: bigint): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.positions[mid]!;
      if (p === position) return mid;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  readonly leaf: Leaf = (i) => {
    if (i < 0 || i >= this.size) throw new RangeError(`no leaf ${i}`);
    return this.buffer.subarray(i * 32, i * 32 + 32);
  };
}
