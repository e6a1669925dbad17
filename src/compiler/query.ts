import type { FilterNode } from '../catalog/types';

export const GRAINS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Grain = (typeof GRAINS)[number];
export type WeekStart = 'MONDAY' | 'SUNDAY';
export type SortDirection = 'ASC' | 'DESC';

/** Calendar dates (YYYY-MM-DD), both inclusive, in the query's timezone. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** Where a request's time lives: range, grain, zone and week start. */
export interface TimeSpec {
  readonly timeRange: TimeRange;
  /** null: one bucket, the whole range. */
  readonly grain: Grain | null;
  /** IANA name. */
  readonly timezone: string;
  readonly weekStart: WeekStart;
}

export interface OrderTerm {
  /** 'period', a dimension or a metric (snake_case). */
  readonly field: string;
  readonly direction: SortDirection;
}

/** A `metrics` request after argument parsing, in catalog names (snake_case). */
export interface MetricQuery extends TimeSpec {
  readonly metrics: readonly string[];
  /** The GROUP BY: the dimension fields selected under `rows`. */
  readonly dimensions: readonly string[];
  readonly where: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | null;
}

export const LIMITS = Object.freeze({
  maxBuckets: 10_000,
  maxRows: 10_000,
});
