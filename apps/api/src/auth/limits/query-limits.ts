import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type GraphQLNamedType,
  type GraphQLSchema,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { workWeight } from './work-weights';

/** Bounds on one operation; beyond them it is refused before anything runs. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 50,
  maxDirectives: 20,
  /** Estimated work: each field costs 1 (a scan or replay more) times the sizes of the lists above it. */
  maxCost: 50_000,
  /** Assumed size of a list with no `first` argument. */
  defaultListSize: 10,
  /** Selections walked to measure one operation, fragments expanded where spread (bounds the rule's own time). */
  maxWork: 20_000,
  /**
   * Introspection (`__schema`, `__type`) is measured apart: exempt from maxDepth and maxCost, so
   * the standard introspection query (depth 14 with its TypeRef chain) works wherever
   * introspection is enabled, but bounded by this depth of its own. Its breadth is bounded by
   * graphql-js's MaxIntrospectionDepthRule (in specifiedRules), and production refuses it whole.
   */
  maxIntrospectionDepth: 20,
} as const;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Depth, aliases, directives and estimated cost of each operation, in one pass over the document. */
export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  let directives = 0;
  return {
    Field(node) {
      if (node.alias) aliases++;
      if (aliases === QUERY_LIMITS.maxAliases + 1) context.reportError(refuse(`More than ${QUERY_LIMITS.maxAliases} aliases`));
    },
    Directive() {
      directives++;
      if (directives === QUERY_LIMITS.maxDirectives + 1) context.reportError(refuse(`More than ${QUERY_LIMITS.maxDirectives} directives`));
    },
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      const walk: Walk = { schema, fragments, visiting: new Set(), work: 0, depthLimit: QUERY_LIMITS.maxDepth, introspectionDepth: 0 };
      const measure = measureSelection(walk, node.selectionSet, root ?? undefined, 1, 1);
      if (walk.work > QUERY_LIMITS.maxWork) {
        context.reportError(refuse(`The operation expands to more than ${QUERY_LIMITS.maxWork} selections`));
      } else if (walk.introspectionDepth > QUERY_LIMITS.maxIntrospectionDepth) {
        context.reportError(refuse(`Introspection depth ${walk.introspectionDepth} exceeds ${QUERY_LIMITS.maxIntrospectionDepth}`));
      } else if (measure.depth > QUERY_LIMITS.maxDepth) context.reportError(refuse(`Query depth ${measure.depth} exceeds ${QUERY_LIMITS.maxDepth}`));
      else if (measure.cost > QUERY_LIMITS.maxCost) context.reportError(refuse(`Estimated cost ${measure.cost} exceeds ${QUERY_LIMITS.maxCost}`));
    },
  };
}

/** One measurement: the fragments on the current path (a cycle guard) and the selections visited so far. */
interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  visiting: Set<string>;
  work: number;
  /** The depth past which measuring stops early: maxDepth, or maxIntrospectionDepth inside introspection. */
  depthLimit: number;
  /** The deepest introspection selection seen (0: none). */
  introspectionDepth: number;
}

function measureSelection(
  walk: Walk,
  set: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  depth: number,
  multiplier: number,
  connectionFirst?: number,
): { depth: number; cost: number } {
  let maxDepth = depth;
  let cost = 0;
  for (const s of set.selections) {
    // Fragments spread again and again cost nothing in the estimate but time to walk: bounded too.
    if (++walk.work > QUERY_LIMITS.maxWork) break;
    let inner: { depth: number; cost: number } | null = null;
    if (s.kind === Kind.FIELD && INTROSPECTION_ROOTS.has(s.name.value)) {
      if (s.selectionSet) measureIntrospection(walk, s.selectionSet, depth + 1);
    } else if (s.kind === Kind.FIELD) {
      // Each field costs 1; a scan or a replay costs its work too (work-weights.ts).
      cost += multiplier * (1 + workWeight(walk.schema, parent, s));
      // Interfaces have fields too: lists behind them are sized like those behind objects.
      const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[s.name.value] : undefined;
      if (s.selectionSet) {
        const isList = !!def && isListType(getNullableType(def.type));
        const first = firstOf(s);
        const size = isList ? (connectionFirst ?? first ?? QUERY_LIMITS.defaultListSize) : 1;
        // A connection's `first` sizes the `edges` list beneath it.
        const passOn = !isList && first !== undefined ? first : undefined;
        inner = measureSelection(walk, s.selectionSet, def ? getNamedType(def.type) : undefined, depth + 1, multiplier * size, passOn);
      }
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      // `... on T` is measured against T (a union's members, an interface's implementations).
      const on = s.typeCondition ? (walk.schema.getType(s.typeCondition.name.value) ?? parent) : parent;
      inner = measureSelection(walk, s.selectionSet, on, depth, multiplier, connectionFirst);
    } else {
      const f = walk.fragments.get(s.name.value);
      // A fragment cycle is reported by graphql's own rules; don't loop on it here. The set is
      // the path, added to and taken from (never copied: a long chain of fragments stays linear).
      if (f && !walk.visiting.has(f.name.value)) {
        const on = walk.schema.getType(f.typeCondition.name.value) ?? parent;
        walk.visiting.add(f.name.value);
        inner = measureSelection(walk, f.selectionSet, on, depth, multiplier, connectionFirst);
        walk.visiting.delete(f.name.value);
      }
    }
    if (inner) {
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    }
    // Stop early: a hostile document must not cost us time to measure.
    if (cost > QUERY_LIMITS.maxCost || maxDepth > walk.depthLimit + 1 || walk.work > QUERY_LIMITS.maxWork) break;
  }
  return { depth: maxDepth, cost };
}

/** An introspection subtree: its depth is recorded apart, its cost not counted (see maxIntrospectionDepth). */
function measureIntrospection(walk: Walk, set: SelectionSetNode, depth: number): void {
  const outer = walk.depthLimit;
  walk.depthLimit = QUERY_LIMITS.maxIntrospectionDepth;
  const inner = measureSelection(walk, set, undefined, depth, 1);
  walk.depthLimit = outer;
  walk.introspectionDepth = Math.max(walk.introspectionDepth, inner.depth);
}

/** `first: N` as a literal; through a variable, the API's bound of 100. */
function firstOf(field: FieldNode): number | undefined {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return undefined;
  return first.value.kind === Kind.INT ? Math.max(1, Math.min(Number(first.value.value), 100)) : 100;
}
