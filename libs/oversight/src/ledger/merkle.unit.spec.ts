import { createHash } from 'node:crypto';
import { consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, subtreeRoot, type Leaf } from './merkle-tree';
import { LeafLog, MerkleFrontier } from './merkle-log';
import { verifyConsistency, verifyInclusion } from './merkle-verify';

const sha = (b: Buffer) => createHash('sha256').update(b).digest();
// The RFC 6962 test vectors used by certificate-transparency and transparency-dev/merkle.
const VECTOR_DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const vectorLeaves: Leaf = (i) => sha(Buffer.concat([Buffer.from([0]), Buffer.from(VECTOR_DATA[i]!, 'hex')]));

const log = new LeafLog();
for (let i = 0; i < 70; i++) log.push(leafHash(sha(Buffer.from(`event ${i}`)).toString('hex')));
const root = (n: number) => subtreeRoot(log.leaf, 0, n).toString('hex');
const hex = (i: number) => log.leaf(i).toString('hex');
const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);

describe('Merkle tree hashes (RFC 6962)', () => {
  it('gives the published roots for the test vectors, and SHA-256("") for the empty tree', () => {
    VECTOR_ROOTS.forEach((expected, i) => expect(subtreeRoot(vectorLeaves, 0, i + 1).toString('hex')).toBe(expected));
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the frontier gives the same root as the full tree at every size', () => {
    const f = new MerkleFrontier();
    expect(f.root()).toBe(EMPTY_ROOT);
    for (let n = 1; n <= 70; n++) {
      f.push(log.leaf(n - 1));
      expect(f.root()).toBe(root(n));
    }
  });

  it('separates leaves from nodes: an interior node passed off as an event does not verify', () => {
    const node = subtreeRoot(log.leaf, 0, 2).toString('hex');
    const asEvent = leafHash(node).toString('hex');
    expect(asEvent).not.toBe(node);
    expect(verifyInclusion(asEvent, 0, 3, [subtreeRoot(log.leaf, 2, 3).toString('hex')], root(3))).toBe(false);
  });
});

describe('inclusion proofs', () => {
  it('verify for every leaf of every tree up to 40 leaves', () => {
    for (let n = 1; n <= 40; n++) for (let m = 0; m < n; m++) expect(verifyInclusion(hex(m), m, n, inclusionProof(log.leaf, m, n), root(n))).toBe(true);
  });

  it('a size-1 tree: the root is the leaf and the proof is empty; size 0 proves nothing', () => {
    expect(inclusionProof(log.leaf, 0, 1)).toEqual([]);
    expect(verifyInclusion(hex(0), 0, 1, [], hex(0))).toBe(true);
    expect(verifyInclusion(hex(0), 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(() => inclusionProof(log.leaf, 0, 0)).toThrow(RangeError);
  });

  it('forged proofs fail: a wrong sibling, index, size or leaf, an extra or a missing node, junk', () => {
    for (const [m, n] of [[0, 2], [5, 13], [12, 13], [31, 32], [6, 7], [0, 33], [32, 33]] as const) {
      const proof = inclusionProof(log.leaf, m, n);
      proof.forEach((_, i) => expect(verifyInclusion(hex(m), m, n, proof.map((p, j) => (j === i ? flip(p) : p)), root(n))).toBe(false));
      expect(verifyInclusion(hex(m), m, n, [...proof].reverse(), root(n))).toBe(proof.length < 2);
      for (const other of [m - 1, m + 1, m + 2]) if (other >= 0 && other < n) expect(verifyInclusion(hex(m), other, n, proof, root(n))).toBe(false);
      for (const size of [n - 1, n + 1, n * 2]) if (size > m) expect(verifyInclusion(hex(m), m, size, proof, root(size))).toBe(false);
      expect(verifyInclusion(hex(m + 1), m, n, proof, root(n))).toBe(false);
      expect(verifyInclusion(hex(m), m, n, [...proof, proof[0] ?? hex(0)], root(n))).toBe(false);
      expect(verifyInclusion(hex(m), m, n, [hex(0), ...proof], root(n))).toBe(false);
      if (proof.length > 0) expect(verifyInclusion(hex(m), m, n, proof.slice(0, -1), root(n))).toBe(false);
      expect(verifyInclusion(hex(m), m + n, n, proof, root(n))).toBe(false);
      expect(verifyInclusion(hex(m), -1, n, proof, root(n))).toBe(false);
      expect(verifyInclusion(hex(m), m, n, proof.map((p) => p.toUpperCase()), root(n))).toBe(proof.length === 0);
      expect(verifyInclusion(hex(m), m, n, 'not a list', root(n))).toBe(false);
      expect(verifyInclusion(hex(m), m, n, [...proof.slice(1), 'zz'], root(n))).toBe(false);
    }
  });
});

describe('consistency proofs', () => {
  it('verify between every pair of sizes up to 40', () => {
    for (let n = 1; n <= 40; n++) for (let m = 1; m <= n; m++) expect(verifyConsistency(m, root(m), n, root(n), consistencyProof(log.leaf, m, n))).toBe(true);
  });

  it('edge cases: from the empty tree, equal sizes, a shrinking tree', () => {
    expect(verifyConsistency(0, EMPTY_ROOT, 5, root(5), [])).toBe(true);
    expect(verifyConsistency(0, EMPTY_ROOT, 5, root(5), [root(5)])).toBe(false);
    expect(verifyConsistency(5, root(5), 5, root(5), [])).toBe(true);
    expect(verifyConsistency(5, root(5), 5, root(5), [hex(1)])).toBe(false);
    expect(verifyConsistency(5, root(4), 5, root(5), [])).toBe(false);
    expect(verifyConsistency(6, root(6), 5, root(5), consistencyProof(log.leaf, 5, 6))).toBe(false);
    expect(verifyConsistency(4, root(4), 8, root(8), [])).toBe(false);
    expect(() => consistencyProof(log.leaf, 6, 5)).toThrow(RangeError);
  });

  it('forged proofs fail: a changed node, an old root the log never had, a wrong size, extra or missing nodes', () => {
    for (const [m, n] of [[1, 2], [3, 7], [4, 8], [6, 8], [7, 33], [16, 40], [1, 40], [39, 40]] as const) {
      const proof = consistencyProof(log.leaf, m, n);
      proof.forEach((_, i) => expect(verifyConsistency(m, root(m), n, root(n), proof.map((p, j) => (j === i ? flip(p) : p)))).toBe(false));
      expect(verifyConsistency(m, flip(root(m)), n, root(n), proof)).toBe(false);
      expect(verifyConsistency(m, root(m), n, flip(root(n)), proof)).toBe(false);
      for (const size of [m - 1, m + 1]) if (size >= 1 && size < n) expect(verifyConsistency(size, root(size), n, root(n), proof)).toBe(false);
      for (const size of [n - 1, n + 1]) if (size > m) expect(verifyConsistency(m, root(m), size, root(size), proof)).toBe(false);
      expect(verifyConsistency(m, root(m), n, root(n), [...proof, proof[0]!])).toBe(false);
      expect(verifyConsistency(m, root(m), n, root(n), proof.slice(0, -1))).toBe(false);
      expect(verifyConsistency(m, root(m), n, root(n), proof.slice(1))).toBe(false);
    }
  });

  it('a rewritten prefix cannot be proven consistent with the old head', () => {
    const forged = new LeafLog();
    for (let i = 0; i < 20; i++) forged.push(i === 3 ? leafHash('ab'.repeat(32)) : log.leaf(i));
    const proof = consistencyProof(forged.leaf, 8, 20);
    expect(verifyConsistency(8, root(8), 20, subtreeRoot(forged.leaf, 0, 20).toString('hex'), proof)).toBe(false);
  });
});

describe('proofs over a shared cache of subtree roots', () => {
  it('give the same paths as without it', () => {
    const cache = new Map<string, Buffer>();
    for (let m = 0; m < 70; m++) expect(inclusionProof(log.leaf, m, 70, cache)).toEqual(inclusionProof(log.leaf, m, 70));
    expect(cache.size).toBeGreaterThan(0);
  });
});
