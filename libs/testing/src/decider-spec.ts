/**
 * given(events).when(command).then(events | error) for any decider whose evolve takes recorded
 * events. Given events get deterministic ids and business times, so `then` can compare exactly.
 */
export interface SpecDecider<S, C, E, R> {
  initialState: () => S;
  evolve: (state: S, event: R) => S;
  decide: (command: C, state: S, context: DecisionClock) => E[];
}

export interface DecisionClock {
  now: string;
  effectiveAt: string;
}

export interface GivenEvent<E> {
  event: E;
  eventId?: string;
  effectiveAt?: string;
}

export const SPEC_NOW = '2026-06-30T12:00:00.000Z';

export function deciderSpec<S, C, E extends object, R>(
  decider: SpecDecider<S, C, E, R>,
  record: (event: E, eventId: string, effectiveAt: string) => R,
) {
  return {
    given(events: Array<E | GivenEvent<E>>, effectiveAt = '2026-01-15T09:00:00.000Z') {
      let state = decider.initialState();
      events.forEach((e, i) => {
        const g: GivenEvent<E> = 'event' in e ? (e as GivenEvent<E>) : { event: e as E };
        state = decider.evolve(
          state,
          record(g.event, g.eventId ?? `given-${i}`, g.effectiveAt ?? effectiveAt),
        );
      });
      return {
        state,
        when(command: C, clock: Partial<DecisionClock> = {}) {
          const context = { now: clock.now ?? SPEC_NOW, effectiveAt: clock.effectiveAt ?? clock.now ?? SPEC_NOW };
          const run = () => decider.decide(command, state, context);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            /** Asserts the refusal names `rule` (the DomainError's `rule` field). */
            thenRefuses(rule: string) {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error).toBeDefined();
              expect((error as { rule?: string }).rule).toBe(rule);
            },
          };
        },
      };
    },
  };
}
