/**
 * A value as GraphQL literal text (input object keys bare, strings JSON-quoted),
 * so the Explorer's document can be pasted into GraphiQL as it is.
 * Enum values are passed wrapped in EnumValue.
 */
export class EnumValue {
  constructor(readonly name: string) {}
}

export function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{ ${fields.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}
