import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { ENUM_VALUE_DESCRIPTIONS } from './descriptions/enum-values.descriptions';
import { MORE_FIELD_DESCRIPTIONS } from './descriptions/fields-more.descriptions';
import { FIELD_DESCRIPTIONS } from './descriptions/fields.descriptions';
import { INPUT_DESCRIPTIONS } from './descriptions/inputs.descriptions';
import { OPERATION_DESCRIPTIONS } from './descriptions/operations.descriptions';
import { TYPE_DESCRIPTIONS } from './descriptions/types.descriptions';

/**
 * The schema's glossary, by schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`,
 * `Enum.VALUE`, or a bare `field` / `(arg:)` for a name that means the same wherever it appears
 * (organizationId, reportId…). A description written on the decorator wins; the glossary fills
 * the rest, so a recurring name is explained once instead of in twenty decorators.
 */
export const GLOSSARY: Readonly<Record<string, string>> = {
  ...TYPE_DESCRIPTIONS,
  ...FIELD_DESCRIPTIONS,
  ...MORE_FIELD_DESCRIPTIONS,
  ...INPUT_DESCRIPTIONS,
  ...ENUM_VALUE_DESCRIPTIONS,
  ...OPERATION_DESCRIPTIONS,
};

const lookup = (...keys: string[]): string | undefined => keys.map((k) => GLOSSARY[k]).find((d) => d !== undefined);

/**
 * Fills in missing descriptions from the glossary, in place (descriptions are plain properties
 * of graphql-js types), before the schema is served or printed.
 */
export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    type.description ??= lookup(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        field.description ??= lookup(`${type.name}.${field.name}`, field.name);
        if (!('args' in field)) continue;
        for (const arg of field.args) {
          arg.description ??= lookup(`${type.name}.${field.name}(${arg.name}:)`, `(${arg.name}:)`);
        }
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) value.description ??= lookup(`${type.name}.${value.name}`);
    }
  }
  return schema;
}
