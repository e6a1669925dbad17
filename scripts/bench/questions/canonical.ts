import type { Value } from './types';

/**
 * Canonical values: instants as UTC ISO to the second (Pulse writes DateTime
 * to the second in the query's zone; SQL gives Dates), numbers as numbers
 * (counts may come back as strings or bigints), missing values as null.
 */

export function instant(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(value)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  if (Number.isNaN(n)) throw new Error(`not a number: ${String(value)}`);
  return n;
}

export function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** a / b as Pulse's result shapers compute rates: null when b is 0. */
export function rate(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

export function rowsOf<T>(answer: unknown, field: string): T[] {
  const rows = (answer as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(rows)) throw new Error(`the answer has no ${field} list`);
  return rows as T[];
}

export type { Value };
