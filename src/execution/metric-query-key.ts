import type { MetricQuery } from '../compiler';

// Asked for several times per request (batching, compile memo, answer cache) of the same object.
const keys = new WeakMap<MetricQuery, string>();

/** A metrics query as JSON, its filter's Map included: equal text, equal query. */
export function metricQueryKey(query: MetricQuery): string {
  let key = keys.get(query);
  if (key === undefined) {
    key = JSON.stringify(normalised(query));
    keys.set(query, key);
  }
  return key;
}

/** The query without its metrics: queries of one shape can run as one statement. */
export function shapeKey(query: MetricQuery): string {
  return JSON.stringify({ ...(normalised(query) as object), metrics: null });
}

function normalised(query: MetricQuery): unknown {
  return { ...query, where: query.where ? filterJson(query.where) : null };
}

function filterJson(node: NonNullable<MetricQuery['where']>): unknown {
  return { d: [...node.dimensions.entries()], and: node.and.map(filterJson), or: node.or.map(filterJson) };
}
