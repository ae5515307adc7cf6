import type { Moment } from '../../../../libs/oversight/src/replay';

/**
 * The `id` of an as-of answer: the organization's id and the moment, `<id>@<asOf>/<knownAt>`.
 * Normalizing client caches (Apollo Client keys objects by __typename and id) must not merge an
 * answer about another moment with today's, so it needs its own identity; `organizationId` stays
 * the organization's. Organization ids cannot hold "@", so the form is unambiguous.
 */
export function asOfId(organizationId: string, moment: Moment): string {
  return `${organizationId}@${moment.asOf}/${moment.knownAt}`;
}

/** The parts of an as-of answer's id, or null for a plain organization id. */
export function parseAsOfId(id: string): { organizationId: string; asOf: string; knownAt: string } | null {
  const match = /^([^@]+)@([^/]+)\/([^/]+)$/.exec(id);
  if (!match || Number.isNaN(Date.parse(match[2]!)) || Number.isNaN(Date.parse(match[3]!))) return null;
  return { organizationId: match[1]!, asOf: match[2]!, knownAt: match[3]! };
}
