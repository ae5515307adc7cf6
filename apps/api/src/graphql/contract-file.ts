import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

const HEADER =
  '# ------------------------------------------------------\n' +
  '# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)\n' +
  '# ------------------------------------------------------\n\n';

/**
 * Writes the contract as served (descriptions filled in), not Nest's pre-transform print, so
 * schema.gql shows clients exactly what introspection answers.
 */
export function writeContractFile(file: string | null, schema: GraphQLSchema): GraphQLSchema {
  if (file) writeFileSync(file, HEADER + printSchema(lexicographicSortSchema(schema)));
  return schema;
}
