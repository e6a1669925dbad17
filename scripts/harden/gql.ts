/**
 * Argument values as documents write them: printed as GraphQL literals
 * (unquoted keys, enum names bare) or turned into JSON for variables. Raw
 * text lets the fuzz write literals no JSON value prints as (12.3.4, NaN).
 */

export class Enum {
  constructor(readonly name: string) {}
}

export class Raw {
  constructor(readonly text: string) {}
}

export type Value = null | boolean | number | string | Enum | Raw | readonly Value[] | { readonly [field: string]: Value };

export function printValue(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof Enum) return value.name;
  if (value instanceof Raw) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (isList(value)) return `[${value.map(printValue).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${printValue(v)}`).join(', ')}}`;
}

/** The JSON of a variable: enums as their names, raw text as a string. */
export function jsonValue(value: Value): unknown {
  if (value instanceof Enum) return value.name;
  if (value instanceof Raw) return value.text;
  if (value === null || typeof value !== 'object') return value;
  if (isList(value)) return value.map(jsonValue);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
}

function isList(value: object): value is readonly Value[] {
  return Array.isArray(value);
}

export function printArgs(args: Readonly<Record<string, Value>>): string {
  const entries = Object.entries(args);
  return entries.length === 0 ? '' : `(${entries.map(([k, v]) => `${k}: ${printValue(v)}`).join(', ')})`;
}

/** A root field: `alias: name(args) { selection }`. */
export function printField(name: string, args: Readonly<Record<string, Value>>, selection: string, alias?: string): string {
  return `${alias ? `${alias}: ` : ''}${name}${printArgs(args)}${selection ? ` ${selection}` : ''}`;
}
