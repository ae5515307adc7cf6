/**
 * An estimate of the entropy of a secret, in bits: its length times the Shannon entropy of its
 * characters. Not a proof of randomness, but it tells `openssl rand -hex 32` (about 250 bits) from
 * "passwordpasswordpassword…" (about 90) or a repeated character (0), which length alone cannot.
 */
export function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...secret].length;
  let perChar = 0;
  for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
  return perChar * n;
}

/** The bar a production secret must clear: 128 bits by the estimate above. */
export const MIN_SECRET_ENTROPY_BITS = 128;
