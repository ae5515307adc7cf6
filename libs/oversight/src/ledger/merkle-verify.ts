import { isHash } from './event-hash';
import { nodeHash } from './merkle-tree';

/**
 * Offline verifiers for RFC 6962 proofs, following RFC 9162 §2.1.3.2 and §2.1.4.2. They check
 * every proof element is a 32-byte hash, that the path has exactly the length the sizes imply
 * (an extra or a missing node fails), and that the sizes are consistent; a forged proof fails
 * rather than being read leniently (the class of immudb's GHSA-672p-m5jq-mrh8).
 */
const buf = (hex: string): Buffer => Buffer.from(hex, 'hex');
const allHashes = (xs: unknown): xs is string[] => Array.isArray(xs) && xs.every(isHash);
const isSize = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** True when `proof` shows the leaf with hash `leafHex` at `index` in the tree (`size`, `rootHex`). */
export function verifyInclusion(leafHex: string, index: number, size: number, proof: unknown, rootHex: string): boolean {
  if (!isHash(leafHex) || !isHash(rootHex) || !allHashes(proof) || !isSize(index) || !isSize(size) || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = buf(leafHex);
  for (const p of proof) {
    if (sn === 0) return false; // more nodes than the path has
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(buf(p), r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, buf(p));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHex;
}

/** True when `proof` shows that the tree (`size2`, `root2`) extends the tree (`size1`, `root1`). */
export function verifyConsistency(size1: number, root1: string, size2: number, root2: string, proof: unknown): boolean {
  if (!isSize(size1) || !isSize(size2) || !isHash(root1) || !isHash(root2) || !allHashes(proof) || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1 === root2;
  if (size1 === 0) return proof.length === 0; // the empty tree is a prefix of every tree
  if (proof.length === 0) return false;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = buf(path[0]!);
  let sr = buf(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(buf(c), fr);
      sr = nodeHash(buf(c), sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, buf(c));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.toString('hex') === root1 && sr.toString('hex') === root2 && sn === 0;
}
