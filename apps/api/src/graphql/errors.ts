import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values of the API (DESIGN §4 "GraphQL"). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONCURRENCY_CONFLICT'
  | 'DOMAIN_RULE_VIOLATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  // reportDraft: the PDF cannot be drafted (libs/documents intake).
  | 'NO_TEXT_LAYER'
  | 'NOT_A_SERVICE_AUDITOR_REPORT'
  | 'UNREADABLE_DOCUMENT';

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Malformed input; `field` is the dotted path of the offending input field. */
export function badInput(field: string, message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}
