import { LRUCache } from 'lru-cache';
import type { Catalog } from '../catalog/types';
import { compileMetricQuery, type CompiledMetricQuery, type MartsState, type MetricQuery } from '../compiler';

/**
 * compileMetricQuery is a pure function of (catalog, marts state, query), so
 * a query compiled once compiles to the same SQL for as long as the marts
 * state holds: repeated requests (and the validate-then-merge steps of one
 * request) reuse it. The marts state changes only with the data version (a
 * refresh bumps it in the same transaction), which keys it here with the
 * marts it may use (a tenant's are fewer: martsForTenant). Failures are not kept:
 * they are rare and rethrown as they were. One bounded memo per catalog.
 */
const memos = new WeakMap<Catalog, LRUCache<string, CompiledMetricQuery>>();

export function compileMetricsOnce(catalog: Catalog, request: string, query: MetricQuery, marts: MartsState): CompiledMetricQuery {
  const key = marts.enabled ? `${stateKey(marts)}\u0001${request}` : request;
  let memo = memos.get(catalog);
  if (!memo) {
    memo = new LRUCache<string, CompiledMetricQuery>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (c, k) => (c.sql.length + k.length) * 2 + 256 });
    memos.set(catalog, memo);
  }
  const known = memo.get(key);
  if (known) return known;
  const compiled = compileMetricQuery(catalog, query, { marts });
  memo.set(key, compiled);
  return compiled;
}

const stateKeys = new WeakMap<MartsState, string>();

/** The data version and the marts a query may use, once per marts state. */
function stateKey(marts: MartsState): string {
  let key = stateKeys.get(marts);
  if (key === undefined) {
    key = `${marts.dataVersion}\u0001${[...marts.marts.keys()].join(',')}`;
    stateKeys.set(marts, key);
  }
  return key;
}
