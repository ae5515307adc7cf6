import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 §2.1 over the ledger: one leaf per organization event, in global
 * order. Leaf hash = SHA-256(0x00 || eventHash), interior node = SHA-256(0x01 || left || right);
 * the domain separation is what stops a node being passed off as a leaf (second preimages).
 */
export type Leaf = (index: number) => Buffer;

const sha = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The leaf hash of an event hash (64 hex digits). */
export function leafHash(eventHash: string): Buffer {
  return sha(LEAF, Buffer.from(eventHash, 'hex'));
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha(NODE, left, right);
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT = sha().toString('hex');

/** The largest power of two smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Subtree roots already computed, by "from:to": many proofs over one tree share most of them. */
export type SubtreeCache = Map<string, Buffer>;

/** MTH(D[from:to]) from the leaf hashes. */
export function subtreeRoot(leaf: Leaf, from: number, to: number, cache?: SubtreeCache): Buffer {
  const n = to - from;
  if (n === 0) return Buffer.from(EMPTY_ROOT, 'hex');
  if (n === 1) return leaf(from);
  const key = `${from}:${to}`;
  const known = cache?.get(key);
  if (known) return known;
  const k = splitPoint(n);
  const root = nodeHash(subtreeRoot(leaf, from, from + k, cache), subtreeRoot(leaf, from + k, to, cache));
  cache?.set(key, root);
  return root;
}

/** PATH(m, D[0:size]) of RFC 6962 §2.1.1, nearest sibling first. */
export function inclusionProof(leaf: Leaf, index: number, size: number, cache?: SubtreeCache): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, from: number, to: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, from, from + k);
      path.push(subtreeRoot(leaf, from + k, to, cache));
    } else {
      walk(m - k, from + k, to);
      path.push(subtreeRoot(leaf, from, from + k, cache));
    }
  };
  walk(index, 0, size);
  return path.map((b) => b.toString('hex'));
}

/** PROOF(m, D[0:n]) of RFC 6962 §2.1.2: that the tree of size n extends the one of size m. */
export function consistencyProof(leaf: Leaf, m: number, n: number): string[] {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || m > n) throw new RangeError(`no consistency proof from size ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const path: Buffer[] = [];
  const sub = (m1: number, from: number, to: number, complete: boolean): void => {
    const n1 = to - from;
    if (m1 === n1) {
      if (!complete) path.push(subtreeRoot(leaf, from, to));
      return;
    }
    const k = splitPoint(n1);
    if (m1 <= k) {
      sub(m1, from, from + k, complete);
      path.push(subtreeRoot(leaf, from + k, to));
    } else {
      sub(m1 - k, from + k, to, false);
      path.push(subtreeRoot(leaf, from, from + k));
    }
  };
  sub(m, 0, n, true);
  return path.map((b) => b.toString('hex'));
}
