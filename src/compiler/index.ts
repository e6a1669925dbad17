export { compileMetricQuery, type CompiledMetricQuery } from './metrics';
export type { CompileOptions } from './options';
export { NO_MARTS, type MartStatus, type MartsState } from './marts/state';
export { rollupColumn } from './marts/layout';
export type { Refusal, RefusalReason } from './marts/refusals';
export type { Decision } from './marts/match-common';
export { postgres, type Dialect } from './dialect';
export { GRAINS, LIMITS, type Grain, type MetricQuery, type OrderTerm, type SortDirection, type TimeRange, type TimeSpec, type WeekStart } from './query';
export { isValidTimezone } from './time-range';
