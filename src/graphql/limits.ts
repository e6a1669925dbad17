import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** A document over the limits (SPEC §11 QUERY_TOO_COMPLEX); the error formatter keeps its code. */
export class ComplexityError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
  }
}

export interface DocumentLimits {
  /** Deepest selection allowed, fragments followed (PULSE_MAX_DEPTH). */
  readonly maxDepth: number;
  /** Aliased fields allowed in one document (PULSE_MAX_ALIASES): each alias can be a query of its own. */
  readonly maxAliases: number;
}

/** Validation rules that refuse a document deeper or with more aliases than the limits, before anything runs. */
export function documentLimitRules(limits: DocumentLimits): Array<(context: ValidationContext) => ASTVisitor> {
  return [(context) => checkDocument(context, limits)];
}

function checkDocument(context: ValidationContext, limits: DocumentLimits): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias) aliases += 1;
    },
    OperationDefinition: {
      leave(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set());
        if (depth > limits.maxDepth) context.reportError(new ComplexityError(`the query is ${depth} levels deep; at most ${limits.maxDepth} (PULSE_MAX_DEPTH)`));
      },
    },
    Document: {
      leave() {
        if (aliases > limits.maxAliases) context.reportError(new ComplexityError(`the query has ${aliases} aliased fields; at most ${limits.maxAliases} (PULSE_MAX_ALIASES)`));
      },
    },
  };
}

/** Depth of a selection set, following fragments (a fragment spread twice on one path is a cycle, which validation reports anyway). */
function depthOf(set: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (GraphiQL's nests type references a dozen deep) is not a warehouse query.
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, visiting));
    }
    else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, visiting));
    else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}
