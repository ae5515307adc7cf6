import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { Allow, EVERYONE } from '../../auth/roles';

@Allow(EVERYONE)
@ObjectType()
export class PageInfo {
  @Field({ description: 'More items follow this page: pass endCursor as `after` to read them.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The last edge’s cursor; null for an empty page.' }) endCursor!: string | null;
  @Field({ description: 'Items precede this page (those up to the `after` cursor); false on the first page.' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The first edge’s cursor; null for an empty page.' }) startCursor!: string | null;
}

/** Relay page info from a page's cursors; `hasPreviousPage` comes from the reader, which knows what precedes. */
export function pageInfoOf(cursors: readonly string[], hasNextPage: boolean, hasPreviousPage: boolean): PageInfo {
  return { hasNextPage, hasPreviousPage, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null };
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay-style connection type for `node` (edges, pageInfo, totalCount). */
export function ConnectionOf<T>(node: Type<T>, name: string) {
  @Allow(EVERYONE)
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }
  @Allow(EVERYONE)
  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType;
}

export function toConnection<T, N>(
  page: { nodes: T[]; cursors: string[]; totalCount: number; hasNextPage: boolean; hasPreviousPage: boolean },
  map: (node: T) => N,
): Connection<N> {
  return {
    edges: page.nodes.map((n, i) => ({ cursor: page.cursors[i]!, node: map(n) })),
    pageInfo: pageInfoOf(page.cursors, page.hasNextPage, page.hasPreviousPage),
    totalCount: page.totalCount,
  };
}
