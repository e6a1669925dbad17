import { LRUCache } from 'lru-cache';
import type { Catalog } from '../catalog/types';
import { compileMetricQuery, type CompiledMetricQuery, type MetricQuery } from '../compiler';

/**
 * compileMetricQuery is a pure function of (catalog, query), so a query
 * compiled once compiles to the same SQL forever: repeated requests (and the
 * validate-then-merge steps of one request) reuse it. Failures are not kept:
 * they are rare and rethrown as they were. One bounded memo per catalog.
 */
const memos = new WeakMap<Catalog, LRUCache<string, CompiledMetricQuery>>();

export function compileMetricsOnce(catalog: Catalog, key: string, query: MetricQuery): CompiledMetricQuery {
  let memo = memos.get(catalog);
  if (!memo) {
    memo = new LRUCache<string, CompiledMetricQuery>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (c, k) => (c.sql.length + k.length) * 2 + 256 });
    memos.set(catalog, memo);
  }
  const known = memo.get(key);
  if (known) return known;
  const compiled = compileMetricQuery(catalog, query);
  memo.set(key, compiled);
  return compiled;
}
