/** The verdict of a verification, as the API and the CLI report it. */
export interface VerificationResult {
  valid: boolean;
  /** How many events were checked (every event looked at, also after a break). */
  checkedEvents: number;
  /** The first event found broken, in the order verified; null when valid or not attributable. */
  firstBrokenEventId: string | null;
  /** Why it is broken, for a human; null when valid. */
  reason: string | null;
}

export function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
