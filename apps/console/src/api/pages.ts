import type { Connection } from '../types';

/**
 * Every node of a connection, asked 100 a page by `fetchPage` (given the cursor to start after).
 * At most 100 pages, so that a server which never says "no next page" cannot loop the console.
 */
export async function fetchAllPages<T>(fetchPage: (after: string | null) => Promise<Connection<T>>): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const connection = await fetchPage(after);
    all.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return all;
}
