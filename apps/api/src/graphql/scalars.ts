import { Kind, GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { isIsoDate, isIsoDateTime } from '../../../../libs/oversight/src/domain/calendar';

function stringScalar(name: string, description: string, valid: (v: string) => boolean, example: string) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`${name} must look like ${example}; got ${JSON.stringify(value)?.slice(0, 60)}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => v as string,
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
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
