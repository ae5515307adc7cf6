import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type GraphQLNamedType,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Bounds on one operation; beyond them it is refused before anything runs. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 50,
  maxDirectives: 20,
  /** Estimated resolved fields: each field costs 1 times the sizes of the lists above it. */
  maxCost: 50_000,
  /** Assumed size of a list with no `first` argument. */
  defaultListSize: 10,
} as const;

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
      const measure = measureSelection(node.selectionSet, root ?? undefined, fragments, 1, 1, new Set());
      if (measure.depth > QUERY_LIMITS.maxDepth) context.reportError(refuse(`Query depth ${measure.depth} exceeds ${QUERY_LIMITS.maxDepth}`));
      else if (measure.cost > QUERY_LIMITS.maxCost) context.reportError(refuse(`Estimated cost ${measure.cost} exceeds ${QUERY_LIMITS.maxCost}`));
    },
  };
}

function measureSelection(
  set: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  depth: number,
  multiplier: number,
  visiting: Set<string>,
  connectionFirst?: number,
): { depth: number; cost: number } {
  let maxDepth = depth;
  let cost = 0;
  for (const s of set.selections) {
    let inner: { depth: number; cost: number } | null = null;
    if (s.kind === Kind.FIELD) {
      cost += multiplier;
      const def = parent && isObjectType(parent) ? parent.getFields()[s.name.value] : undefined;
      if (s.selectionSet) {
        const isList = !!def && isListType(getNullableType(def.type));
        const first = firstOf(s);
        const size = isList ? (connectionFirst ?? first ?? QUERY_LIMITS.defaultListSize) : 1;
        // A connection's `first` sizes the `edges` list beneath it.
        const passOn = !isList && first !== undefined ? first : undefined;
        inner = measureSelection(s.selectionSet, def ? getNamedType(def.type) : undefined, fragments, depth + 1, multiplier * size, visiting, passOn);
      }
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      inner = measureSelection(s.selectionSet, parent, fragments, depth, multiplier, visiting, connectionFirst);
    } else {
      const f = fragments.get(s.name.value);
      // A fragment cycle is reported by graphql's own rules; don't loop on it here.
      if (f && !visiting.has(f.name.value)) {
        inner = measureSelection(f.selectionSet, parent, fragments, depth, multiplier, new Set([...visiting, f.name.value]), connectionFirst);
      }
    }
    if (inner) {
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    }
    // Stop early: a hostile document must not cost us time to measure.
    if (cost > QUERY_LIMITS.maxCost || maxDepth > QUERY_LIMITS.maxDepth + 1) break;
  }
  return { depth: maxDepth, cost };
}

/** `first: N` as a literal; through a variable, the API's bound of 100. */
function firstOf(field: FieldNode): number | undefined {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return undefined;
  return first.value.kind === Kind.INT ? Math.max(1, Math.min(Number(first.value.value), 100)) : 100;
}
