import { gql } from '../graphql';

/**
 * The cheapest query there is: sign-in sends it with the candidate token (`token`, instead of
 * the session's) to learn whether the server accepts that token before keeping it.
 */
export async function fetchServerTime(token?: string): Promise<string> {
  const { serverTime } = await gql<{ serverTime: string }>('{ serverTime }', undefined, token);
  return serverTime;
}
