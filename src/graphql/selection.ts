import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected under `child` (e.g. `rows`, or `rows` then `previous`) of the field being
 * resolved, through fragments and inline fragments and across aliases.
 */
export function selectedSubfields(info: GraphQLResolveInfo, child: string, ...deeper: string[]): Set<string> {
  const names = new Set<string>();
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const step of [child, ...deeper]) nodes = nodes.flatMap((node) => fieldsIn(node.selectionSet, info).filter((n) => n.name.value === step));
  for (const node of nodes) for (const leaf of fieldsIn(node.selectionSet, info)) names.add(leaf.name.value);
  names.delete('__typename');
  return names;
}

function fieldsIn(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[] = []): FieldNode[] {
  if (!set) return out;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsIn(selection.selectionSet, info, out);
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) fieldsIn(fragment.selectionSet, info, out);
    }
  }
  return out;
}
