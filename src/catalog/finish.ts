/** The checked draft -> the frozen Catalog, with a hash of its definitions for cache keys. */
import { createHash } from 'node:crypto';
import type { Draft } from './draft';
import { normaliseDataTest } from './normalise-data-test';
import { normaliseMarts, sha256 } from './normalise-mart';
import type { Catalog } from './types';

export function finishCatalog(draft: Draft): Catalog {
  const unwrap = <T>(map: Map<string, { def: T }>): Map<string, T> => new Map([...map].map(([name, { def }]) => [name, def]));
  const models = unwrap(draft.models);
  const dimensions = unwrap(draft.dimensions);
  const metrics = unwrap(draft.metrics);
  const analyses = unwrap(draft.analyses);
  const dataTests = new Map(draft.dataTests.map(({ spec, at }) => {
    const test = normaliseDataTest(spec, at, models);
    return [test.name, test] as const;
  }));
  const marts = normaliseMarts(draft.marts, models, dimensions, (value) => sha256(stableJson(value)));
  // Data tests and marts are left out of the hash: they change no answer, so editing one must not empty the result cache.
  const hash = createHash('sha256').update(stableJson({ models, dimensions, metrics, analyses })).digest('hex');
  return deepFreeze({ models, dimensions, metrics, analyses, dataTests, marts, hash });
}

/**
 * JSON with sorted keys and Maps as objects, without `location`: moving a
 * definition to another file or line must not invalidate every cache entry.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value)
    .filter(([key]) => key !== 'location')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, child]) => [key, canonical(child)]));
}

/** Freezes objects, arrays and the values of Maps (a Map itself stays mutable; the types only expose ReadonlyMap). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const child of value.values()) deepFreeze(child);
  } else {
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return Object.freeze(value);
}
