import type { FieldNode, GraphQLNamedType, GraphQLSchema } from 'graphql';

/**
 * The cost of root fields that do work beyond their fields: they scan the ledger or replay a
 * tenant's streams. Each counts this much on top of its fields, so an operation holds at most
 * about ten of them (maxCost 50,000): aliases of the same question share one computation at run
 * time (SharedWork), but different questions would each cost their full replay.
 */
export const WORK_WEIGHTS: Readonly<Record<string, number>> = {
  verifyLedger: 4000,
  verifyAuditTrail: 4000,
  evidencePack: 4000,
  oversightTimeline: 2000,
  coverageTimeline: 2000,
  dependencyImpact: 4000,
};

/** organization / organizations asked about the past (asOf, knownAt) replay the tenant's streams. */
const AS_OF_WEIGHT = 4000;
const AS_OF_FIELDS = new Set(['organization', 'organizations']);

export function workWeight(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, field: FieldNode): number {
  if (!parent || parent !== schema.getQueryType()) return 0;
  const name = field.name.value;
  if (AS_OF_FIELDS.has(name)) {
    return field.arguments?.some((a) => a.name.value === 'asOf' || a.name.value === 'knownAt') ? AS_OF_WEIGHT : 0;
  }
  return WORK_WEIGHTS[name] ?? 0;
}
