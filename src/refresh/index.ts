export { refreshMarts, type MartReport, type RefreshMode, type RefreshOptions, type RefreshReport } from './refresh';
export { kyselyRunner, type SqlRunner } from './runner';
export { createChangesSql, CHANGED_EVENTS, CHANGED_EVENTS_COLUMNS, compileMartSql } from '../compiler/marts';
export { summariseRefresh, type RefreshSummary } from './describe';
