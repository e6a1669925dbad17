export { compileRetention } from './compile-retention';
export { RETENTION_GRAINS, RETENTION_LIMITS, type CohortBy, type RetentionQuery } from './query';
export { retentionCohorts, type RetentionCohortRow, type RetentionPeriodRow } from './results';
