export { Executor, type ExecutionResult } from './executor';
export { ResultCache, cacheKey } from './result-cache';
export { createMetricsLoader, type MetricAnswer, type MetricRowData } from './metrics-loader';
export { displaySql } from './display-sql';
export type { Grain, MetricQuery, OrderTerm, TimeSpec } from '../compiler';
export { createStatementLoader, type StatementAnswer } from './statement-loader';
export type { Row } from '../db';
