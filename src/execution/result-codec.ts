/**
 * Cached results as text for the shared (Redis) level, exactly: JSON alone
 * would turn a Date into a string, -0 into 0, NaN and Infinity into null. A
 * value that plain JSON keeps is written as itself; any other is a tagged
 * array (an array at a value's place is always a tag): ["d", ms] Date,
 * ["n", "NaN"|"Infinity"|"-Infinity"|"-0"], ["b", digits] bigint, ["u"]
 * undefined, ["a", [...]] array, ["o", {...}] object.
 */
import type { Row } from '../db';
import type { CachedResult } from './result-cache';

class UnencodableValue extends Error {}

interface Encoded {
  /** The full cache key, checked on read: the store's key is only its hash. */
  readonly k: string;
  readonly t: number;
  readonly r: ReadonlyArray<Record<string, unknown>>;
}

/** The text of a result, or null when a value has no exact encoding (say, a Buffer): then it is not shared. */
export function encodeResult(key: string, result: CachedResult): string | null {
  try {
    const rows = result.rows.map((row) => mapValues(row, encodeValue));
    return JSON.stringify({ k: key, t: result.computedAt.getTime(), r: rows } satisfies Encoded);
  } catch (error) {
    if (error instanceof UnencodableValue) return null;
    throw error;
  }
}

/** The result encoded under `key`, or null when the text is of another key or malformed. */
export function decodeResult(key: string, text: string): CachedResult | null {
  try {
    const parsed = JSON.parse(text) as Partial<Encoded>;
    if (parsed.k !== key || typeof parsed.t !== 'number' || !Array.isArray(parsed.r)) return null;
    const rows: Row[] = parsed.r.map((row) => mapValues(row, decodeValue));
    return { rows, computedAt: new Date(parsed.t) };
  } catch {
    return null;
  }
}

function mapValues(row: Readonly<Record<string, unknown>>, f: (value: unknown) => unknown): Record<string, unknown> {
  // fromEntries defines properties, so even a column named __proto__ stays a column.
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, f(value)]));
}

function encodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : ['n', Object.is(value, -0) ? '-0' : String(value)];
  if (value === undefined) return ['u'];
  if (typeof value === 'bigint') return ['b', value.toString()];
  if (value instanceof Date) return ['d', Number.isNaN(value.getTime()) ? null : value.getTime()];
  if (Array.isArray(value)) return ['a', value.map(encodeValue)];
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) return ['o', mapValues(value as Record<string, unknown>, encodeValue)];
  throw new UnencodableValue(`no exact encoding for ${Object.prototype.toString.call(value)}`);
}

function decodeValue(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const [tag, body] = value as [unknown, unknown];
  switch (tag) {
    case 'n':
      return body === '-0' ? -0 : Number(body);
    case 'u':
      return undefined;
    case 'b':
      return BigInt(String(body));
    case 'd':
      return new Date(body === null ? Number.NaN : Number(body));
    case 'a':
      return (body as unknown[]).map(decodeValue);
    case 'o':
      return mapValues(body as Record<string, unknown>, decodeValue);
    default:
      throw new Error(`unknown tag ${String(tag)}`);
  }
}
