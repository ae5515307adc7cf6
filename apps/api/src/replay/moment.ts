import type { Moment } from '../../../../libs/oversight/src/replay';
import { READERS_OF_DETAIL, type Role } from '../auth/roles';
import type { Caller } from '../common/caller';
import { apiError, badInput } from '../graphql/errors';

/**
 * The two clocks of a question, defaulted: `knownAt` is now (everything recorded so far), and
 * `asOf` is `knownAt` — "what did we show on 31 December?" is asked with knownAt alone.
 * Both are echoed back normalised to UTC ISO-8601.
 */
export function resolveMoment(now: Date, asOf?: string | null, knownAt?: string | null): Moment {
  const known = knownAt ? new Date(knownAt) : now;
  const at = asOf ? new Date(asOf) : known;
  return { asOf: at.toISOString(), knownAt: known.toISOString() };
}

/** True when either clock was given: the question is about the past, not today's read model. */
export function asksAboutThePast(asOf?: string | null, knownAt?: string | null): boolean {
  return !!asOf || !!knownAt;
}

/**
 * As-of answers are audit material (READERS_OF_DETAIL). A field rule cannot depend on
 * arguments, so `organization(asOf:)` and `organizations(asOf:)` check the role themselves.
 */
export function requireDetailReader(caller: Caller): void {
  if (!READERS_OF_DETAIL.includes(caller.actor.role as Role)) {
    throw apiError('FORBIDDEN', `Role ${caller.actor.role} may not ask what was true or known in the past (asOf, knownAt)`);
  }
}

/** A window whose end comes before its start is refused, naming the offending argument. */
export function requireOrdered(from: string | null | undefined, to: string | null | undefined, field = 'from'): void {
  if (from && to && Date.parse(from) > Date.parse(to)) throw badInput(field, `must not be after to (${from} > ${to})`);
}
