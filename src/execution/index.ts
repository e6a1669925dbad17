export { Executor, type ExecutionResult } from './executor';
export { ResultCache, cacheKey } from './result-cache';
export { createMetricsLoader, type MetricAnswer, type MetricRowData } from './metrics-loader';
export { displaySql } from './display-sql';
export type { CompileOptions, Grain, MetricQuery, OrderTerm, TimeSpec } from '../compiler';
export type { Provenance } from '../compiler/source';
export { createStatementLoader, type Statement, type StatementAnswer } from './statement-loader';
export { sourceLabel, type AnswerMeta } from './answer-meta';
export { readSnapshot, type WarehouseSnapshot } from './warehouse-state';
export type { Row } from '../db';
// The analyses' compilers and result shapers, for the GraphQL layer: it reaches the compiler only through here.
export { compileRetention, retentionCohorts, type RetentionQuery } from '../compiler/retention';
export { compileLifecycle, lifecyclePeriods, type LifecycleQuery } from '../compiler/lifecycle';
export { compileFunnel, funnelStepRows, type FunnelQuery } from '../compiler/funnel';
export { compileConversion, conversionCohortRows, type ConversionQuery } from '../compiler/conversion';
export { compileUserList, userListPage, type UserListQuery, type UserRecord } from '../compiler/users';
export { runDataTests, type DataQualityRun, type RunOptions } from './data-quality';
export { summarise, type DataQualitySummary, type DataTestResult, type DataTestStatus } from './data-quality-results';
export { readDataQuality, type DataQualityReport } from './data-quality-store';
