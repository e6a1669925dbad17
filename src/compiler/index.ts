export { compileMetricQuery, type CompiledMetricQuery } from './compile-metrics';
export { GRAINS, LIMITS, type Grain, type MetricQuery, type OrderTerm, type SortDirection, type TimeRange, type TimeSpec, type WeekStart } from './query';
export { isValidTimezone } from './time-range';
