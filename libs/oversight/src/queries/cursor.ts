/** Opaque keyset cursors: base64url of a JSON array of the sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) ? key : null;
  } catch {
    return null;
  }
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  /** Items of the filtered list precede the `after` cursor. */
  hasPreviousPage: boolean;
  endCursor: string | null;
}
