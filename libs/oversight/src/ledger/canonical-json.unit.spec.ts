import { canonicalJson } from './canonical-json';
import { chainEvents, GENESIS_ROOT, hashEvent, nextRoot, rootOver } from './event-hash';
import { verifyStream } from './stream-chain';

describe('canonicalJson (RFC 8785 style)', () => {
  it('sorts keys recursively and drops whitespace, whatever the insertion order', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('serializes as the store keeps it: a JSON round trip does not change the text', () => {
    const value = { s: 'é\u2028"\\\n', n: [1e21, 0.1, -0, 5e-7], u: undefined, arr: [undefined, 1], d: new Date('2026-01-01T00:00:00Z') };
    const text = canonicalJson(value);
    expect(text).toBe('{"arr":[null,1],"d":"2026-01-01T00:00:00.000Z","n":[1e+21,0.1,0,5e-7],"s":"é\u2028\\"\\\\\\n"}');
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
  });

  it('orders keys by UTF-16 code units', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, a: 4, B: 5 })).toBe('{"\\r":2,"B":5,"a":4,"€":1,"😀":3}');
  });

  it('refuses what JSON cannot keep', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });
});

describe('event hashes and the stream chain', () => {
  const raw = [0, 1, 2, 3].map((i) => ({ eventId: `e${i}`, type: 'Thing', data: { i, text: `fact ${i}` }, metadata: { tenantId: 't' } as Record<string, unknown> }));
  const chained = () =>
    chainEvents('organization-x', 0n, null, raw).map((e, i) => ({ ...e, streamId: 'organization-x', revision: BigInt(i), position: BigInt(10 + i) }));

  it('chains each event to the previous one and verifies', () => {
    const events = chained();
    expect(events[0]!.metadata.previousHash).toBeNull();
    events.slice(1).forEach((e, i) => expect(e.metadata.previousHash).toBe(events[i]!.metadata.hash));
    expect(verifyStream(events)).toEqual({ valid: true, checkedEvents: 4, firstBrokenEventId: null, reason: null });
  });

  it('does not depend on the global position (stores differ), only on the revision', () => {
    const e = chained()[2]!;
    expect(hashEvent({ ...e, position: 999n } as never)).toBe(e.metadata.hash);
    expect(hashEvent({ ...e, revision: 3n })).not.toBe(e.metadata.hash);
  });

  it('finds a changed byte, a deleted event, a reordering and a missing hash', () => {
    const altered = chained();
    altered[2] = { ...altered[2]!, data: { i: 2, text: 'fact 3' } };
    expect(verifyStream(altered)).toMatchObject({ valid: false, firstBrokenEventId: 'e2', reason: expect.stringMatching(/altered/) });

    const deleted = chained().filter((e) => e.eventId !== 'e1');
    expect(verifyStream(deleted)).toMatchObject({ valid: false, firstBrokenEventId: 'e2', reason: expect.stringMatching(/gap.*deleted/) });

    const swapped = chained();
    [swapped[1], swapped[2]] = [{ ...swapped[2]!, revision: 1n }, { ...swapped[1]!, revision: 2n }];
    expect(verifyStream(swapped)).toMatchObject({ valid: false, firstBrokenEventId: 'e2', reason: expect.stringMatching(/altered/) });

    const legacy = chained();
    const { hash: _h, ...rest } = legacy[0]!.metadata;
    legacy[0] = { ...legacy[0]!, metadata: rest };
    expect(verifyStream(legacy)).toMatchObject({ valid: false, firstBrokenEventId: 'e0', reason: expect.stringMatching(/no hash/) });
  });

  it('the running root is SHA-256 over the raw bytes of root and event hash', () => {
    const h = chained().map((e) => e.metadata.hash as string);
    expect(rootOver(GENESIS_ROOT, h)).toBe(nextRoot(nextRoot(nextRoot(nextRoot(GENESIS_ROOT, h[0]!), h[1]!), h[2]!), h[3]!));
    expect(rootOver(GENESIS_ROOT, [h[1]!, h[0]!, h[2]!, h[3]!])).not.toBe(rootOver(GENESIS_ROOT, h));
  });
});
