import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { Allow, EVERYONE } from '../../auth/roles';

@Allow(EVERYONE)
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
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
  page: { nodes: T[]; cursors: string[]; totalCount: number; hasNextPage: boolean; endCursor: string | null },
  map: (node: T) => N,
): Connection<N> {
  return {
    edges: page.nodes.map((n, i) => ({ cursor: page.cursors[i]!, node: map(n) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
