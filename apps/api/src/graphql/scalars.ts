import { Kind, GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { isIsoDate, isIsoDateTime } from '../../../../libs/oversight/src/domain/calendar';

function stringScalar(name: string, description: string, valid: (v: string) => boolean, example: string) {
  // `ast` for a literal: the error then points at it, so that formatError can name the field.
  const parse = (value: unknown, ast?: ValueNode): string => {
    if (typeof value !== 'string' || !valid(value)) {
      // "2026-02-30" has the right shape: say what is wrong with it, not how a date looks.
      const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value) ? value.slice(0, 10) : null;
      const message = day && !isIsoDate(day)
        ? `${day} is not a calendar date (${name} must look like ${example})`
        : `${name} must look like ${example}; got ${JSON.stringify(value)?.slice(0, 60)}`;
      throw new GraphQLError(message, { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => v as string,
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => parse(ast.kind === Kind.STRING ? ast.value : undefined, ast),
  });
}

export const DateScalar = stringScalar('Date', 'A calendar day, YYYY-MM-DD (read as UTC).', isIsoDate, '2026-12-31');

export const DateTimeScalar = stringScalar(
  'DateTime',
  'An instant, ISO-8601 with a zone, e.g. 2026-12-31T23:59:59Z.',
  isIsoDateTime,
  '2026-12-31T23:59:59Z',
);

/** Arbitrary JSON, for event data. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: () => {
    throw new GraphQLError('JSON literals are not accepted as input', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
