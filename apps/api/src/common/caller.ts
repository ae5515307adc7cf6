import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/oversight/src/application/event-envelope';

/** Who is calling, and for which tenant: every command and query is scoped by it. */
export interface Caller {
  tenantId: string;
  actor: Actor;
  /** Correlates the events of one request. */
  requestId: string;
  /** When the caller's token expires (epoch ms): a WebSocket session ends then. */
  expiresAt?: number;
  /**
   * An operator of this instance (claim `operator: true`, minted by whoever holds the signing key
   * or granted by the identity provider): instance-wide actions, across tenants. No tenant role is.
   */
  operator?: boolean;
}

export const DEFAULT_TENANT = 'default';

/**
 * Until authentication lands (the security issue), every caller is the local administrator of
 * the default tenant. The server sets this; nothing a client sends can change it.
 */

export function callerFrom(context: { caller?: Caller } | undefined): Caller {
  if (!context?.caller) throw new Error('No caller in the GraphQL context');
  return context.caller;
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return callerFrom(GqlExecutionContext.create(ctx).getContext());
});
