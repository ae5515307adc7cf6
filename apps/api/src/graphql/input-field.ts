import { Kind, parse, visit, type ASTNode, type GraphQLError, type ValueNode } from 'graphql';

/**
 * The dotted path of the input a BAD_USER_INPUT error is about (`input.periodEnd`,
 * `input.services.1`), for errors graphql-js raises itself while coercing a value: a scalar or
 * enum in a variable, or a literal in the document. Null when the error is about no one input.
 */
export function inputFieldOf(error: GraphQLError): string | null {
  // graphql-js: `Variable "$input" got invalid value "x" at "input.periodEnd"; …`
  const variable = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; /s.exec(error.message);
  if (variable) return dotted(variable[2] ?? variable[1]!);
  const node = error.nodes?.[0];
  if (!node?.loc || !error.source) return null;
  try {
    return literalPath(parse(error.source.body), node.loc.start);
  } catch {
    return null;
  }
}

function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** Finds the argument value (at any depth of objects and lists) that starts at `start`. */
function literalPath(document: ASTNode, start: number): string | null {
  let found: string | null = null;
  const walk = (value: ValueNode, path: string): void => {
    if (found) return;
    if (value.loc?.start === start) found = path;
    else if (value.kind === Kind.OBJECT) value.fields.forEach((f) => walk(f.value, `${path}.${f.name.value}`));
    else if (value.kind === Kind.LIST) value.values.forEach((v, i) => walk(v, `${path}.${i}`));
  };
  visit(document, { Argument: (arg) => walk(arg.value, arg.name.value) });
  return found;
}
