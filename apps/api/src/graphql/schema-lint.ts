import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
} from 'graphql';

/**
 * Enum names that end in "Type" because the domain says so (the report's type: SOC 1, SOC 2…),
 * not because a class name leaked into the contract.
 */
export const DOMAIN_WORDS_ENDING_IN_TYPE = new Set(['ReportType']);

const described = (d: string | null | undefined): boolean => !!d && d.trim().length > 0;

/** Every public type name breaking the one naming rule: no "Type" suffix. */
export function namingProblems(schema: GraphQLSchema): string[] {
  return Object.keys(schema.getTypeMap())
    .filter((name) => !name.startsWith('__') && name.endsWith('Type') && !DOMAIN_WORDS_ENDING_IN_TYPE.has(name))
    .map((name) => `${name}: type name ends in "Type"`);
}

/** Every type, field, argument, enum value and input field without a description, by schema coordinate. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}
