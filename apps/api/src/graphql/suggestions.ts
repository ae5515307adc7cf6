import type { GraphQLError, GraphQLFormattedError } from 'graphql';

/** graphql-js's "Did you mean …?" ending, as Apollo's own DisableSuggestions plugin removes it. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * An error without its suggestions: they list field, argument, type and enum names near the one
 * asked for, which in production hands out the schema that introspection is refused for. Apollo's
 * hideSchemaDetailsFromClientErrors covers validation; this covers the rest (variable coercion,
 * WebSocket).
 */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  return SUGGESTION.test(error.message) ? { ...error, message: error.message.replace(SUGGESTION, '') } : error;
}

export function stripSuggestions(errors: readonly GraphQLError[]): GraphQLError[] {
  for (const e of errors) if (SUGGESTION.test(e.message)) e.message = e.message.replace(SUGGESTION, '');
  return [...errors];
}
