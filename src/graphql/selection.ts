import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected under `child` (e.g. `rows`) of the field being
 * resolved, through fragments and inline fragments and across aliases.
 */
export function selectedSubfields(info: GraphQLResolveInfo, child: string): Set<string> {
  const names = new Set<string>();
  for (const node of info.fieldNodes) {
    for (const childNode of fieldsIn(node.selectionSet, info)) {
      if (childNode.name.value !== child) continue;
      for (const leaf of fieldsIn(childNode.selectionSet, info)) names.add(leaf.name.value);
    }
  }
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
