/**
 * Canonical JSON (RFC 8785 style): object keys sorted by UTF-16 code units, recursively; no
 * whitespace; numbers and strings serialized as ECMAScript's JSON.stringify does (which is what
 * RFC 8785 specifies for both). The same value always yields the same text, whatever the key
 * order it was built or stored with, so a hash over it survives a round trip through any store
 * that keeps JSON values (SQLite text, EventStoreDB JSON).
 *
 * Values follow JSON.stringify's rules so that hashing before and after storage agrees:
 * `toJSON` is honoured, object members that are undefined or functions are left out, and in
 * arrays they become null. Non-finite numbers and bigints have no JSON form: they throw rather
 * than hash something the store would not keep.
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, '');
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

function serialize(value: unknown, path: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(path);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path || '$'}`);
      return JSON.stringify(value); // -0 becomes 0, as RFC 8785 requires
    case 'bigint':
      throw new TypeError(`canonicalJson: bigint at ${path || '$'} has no JSON form; use a decimal string`);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialize(item, `${path}[${i}]`) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  // Default sort compares UTF-16 code units: exactly RFC 8785's member order.
  for (const key of Object.keys(record).sort()) {
    const member = serialize(record[key], `${path}.${key}`);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
