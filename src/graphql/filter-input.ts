import type { Catalog, FilterNode, StringFilter } from '../catalog/types';
import { camelCase } from '../util/names';

/** The GraphQL DimensionFilter (camelCase fields, AND/OR) as the compiler's FilterNode. */
export function toFilterNode(catalog: Catalog, input: unknown): FilterNode | null {
  if (input === null || input === undefined) return null;
  const byField = new Map([...catalog.dimensions.keys()].map((name) => [camelCase(name), name]));
  const convert = (value: Record<string, unknown>): FilterNode => {
    const dimensions = new Map<string, StringFilter>();
    const and: FilterNode[] = [];
    const or: FilterNode[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      if (key === 'AND') and.push(...(v as Record<string, unknown>[]).map(convert));
      else if (key === 'OR') or.push(...(v as Record<string, unknown>[]).map(convert));
      else {
        const name = byField.get(key);
        if (name) dimensions.set(name, stripUndefined(v as StringFilter));
      }
    }
    return { dimensions, and, or };
  };
  return convert(input as Record<string, unknown>);
}

function stripUndefined(filter: StringFilter): StringFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null)) as StringFilter;
}
