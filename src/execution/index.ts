export { Executor, type ExecutionResult } from './executor';
export { ResultCache, cacheKey } from './result-cache';
export { createMetricsLoader, type MetricAnswer, type MetricRowData } from './metrics-loader';
export { displaySql } from './display-sql';
export type { MetricQuery, OrderTerm } from '../compiler';
