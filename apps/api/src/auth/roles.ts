import { Extensions } from '@nestjs/graphql';

import { ROLES, type Role } from './role-names';

export { ROLES, type Role };

/** Who may read what is shown to every signed-in role. */
export const EVERYONE: readonly Role[] = ROLES;
/** History detail and audit material: never VIEWER. */
export const READERS_OF_DETAIL: readonly Role[] = ['ADMIN', 'ANALYST', 'AUDITOR'];
/** Recording oversight facts. */
export const RECORDERS: readonly Role[] = ['ADMIN', 'ANALYST'];
/** Policy and lifecycle. */
export const ADMINS: readonly Role[] = ['ADMIN'];

/**
 * Declares, next to the resolver or the type, which roles may resolve a field. On a class it is
 * the default for every field of the type; on a field or resolver method it overrides it.
 * Every field of the schema must have a rule: the server refuses to start otherwise.
 */
export function Allow(roles: readonly Role[]) {
  return Extensions({ roles: [...roles] });
}
