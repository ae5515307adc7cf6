import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from '../common/caller';
import type { Role } from './roles';

/** The roles that may resolve a field: its own rule, else its type's. */
export function rolesOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string[] | null {
  const own = field.extensions?.roles;
  if (Array.isArray(own)) return own as string[];
  const inherited = type.extensions?.roles;
  return Array.isArray(inherited) ? (inherited as string[]) : null;
}

/** Every field of the schema and its rule; root fields must declare their own. */
export function accessRules(schema: GraphQLSchema): Array<{ type: string; field: string; roles: string[] | null }> {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const rules: Array<{ type: string; field: string; roles: string[] | null }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const own = field.extensions?.roles;
      rules.push({ type: type.name, field: field.name, roles: roots.has(type) ? (Array.isArray(own) ? (own as string[]) : null) : rolesOf(type, field) });
    }
  }
  return rules;
}

function forbidden(type: string, field: string, role: string): GraphQLError {
  return new GraphQLError(`Role ${role} may not access ${type}.${field}`, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * Enforces the declared rules on every field, including subscriptions' subscribe step, by
 * wrapping resolvers once when the schema is built. A field with no rule stops the server from
 * starting: access is denied by default, never forgotten.
 */
export function enforceAccess(schema: GraphQLSchema): GraphQLSchema {
  const missing = accessRules(schema).filter((r) => r.roles === null);
  if (missing.length > 0) {
    throw new Error(`No access rule (@Allow) for: ${missing.map((m) => `${m.type}.${m.field}`).join(', ')}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const roles = new Set(rolesOf(type, field));
      const guard = (context: { caller?: Caller }) => {
        const role = context?.caller?.actor.role;
        if (!role) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
        if (!roles.has(role as Role)) throw forbidden(type.name, field.name, role);
      };
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        guard(context as { caller?: Caller });
        return resolve(source, args, context, info);
      };
      if (field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = (source, args, context, info) => {
          guard(context as { caller?: Caller });
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
