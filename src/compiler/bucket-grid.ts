import { sql, type RawBuilder } from 'kysely';
import type { TimeSql } from './buckets';
import type { Grain, WeekStart } from './query';
import { GRAIN_UNITS } from './time-range';

/**
 * Whole (unclipped) calendar buckets, shared by retention and lifecycle: the
 * step of a grain, the bucket that holds a wall-clock time, and how many whole
 * buckets lie between two of them. Wall-clock arithmetic happens in the query
 * zone, so a DAY across a DST change lasts 23 or 25 hours.
 */

export function stepSql(grain: Grain): RawBuilder<unknown> {
  return sql`${GRAIN_UNITS[grain].step}::interval`;
}

/** Wall-clock start of the bucket that holds the wall-clock time `local`. */
export function bucketStartSql(grain: Grain, weekStart: WeekStart, local: RawBuilder<unknown>): RawBuilder<Date> {
  // date_trunc('week') is ISO (Monday); shift a day either way for Sunday weeks.
  if (grain === 'WEEK' && weekStart === 'SUNDAY') return sql<Date>`(date_trunc('week', ${local} + interval '1 day') - interval '1 day')`;
  return sql<Date>`date_trunc(${GRAIN_UNITS[grain].trunc}, ${local})`;
}

/**
 * Whole buckets from the bucket starting at wall-clock `origin` to the bucket
 * holding the instant `instant` (negative before it). HOUR buckets step in
 * absolute time from the origin, like TimeSql.bucketsQuery, so a DST day has
 * 23 or 25 of them; the others count calendar units between bucket starts,
 * which divide exactly (no floor on negative numbers needed).
 */
export function bucketOrdinalSql(time: TimeSql, grain: Grain, origin: RawBuilder<unknown>, instant: RawBuilder<unknown>): RawBuilder<number> {
  if (grain === 'HOUR') return sql<number>`floor(extract(epoch FROM ${instant} - ${time.instant(origin)}) / 3600)::int`;
  const start = bucketStartSql(grain, time.spec.weekStart, time.local(instant));
  const days = sql`((${start})::date - (${origin})::date)`;
  const years = sql`(extract(year FROM ${start}) - extract(year FROM ${origin}))`;
  const months = sql`(${years} * 12 + extract(month FROM ${start}) - extract(month FROM ${origin}))`;
  switch (grain) {
    case 'DAY':
      return sql<number>`${days}`;
    case 'WEEK':
      return sql<number>`(${days} / 7)`;
    case 'MONTH':
      return sql<number>`${months}::int`;
    case 'QUARTER':
      return sql<number>`(${months}::int / 3)`;
    case 'YEAR':
      return sql<number>`${years}::int`;
  }
}

/** The instant the last whole bucket of the range ends: a constant the planner folds, unlike a subquery. */
export function wholeRangeEndSql(time: TimeSql, grain: Grain): RawBuilder<Date> {
  if (grain === 'HOUR') return time.instant(time.localTo);
  const last = bucketStartSql(grain, time.spec.weekStart, sql`(${time.localTo} - interval '1 day')`);
  return time.instant(sql`(${last} + ${stepSql(grain)})`);
}
