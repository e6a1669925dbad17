/**
 * The physical layout of each kind of mart: its columns, as the build
 * (marts/build-*.ts) writes them and the readers (metrics/mart-steps.ts,
 * user-activity.ts) read them. One place, so the two cannot drift apart.
 *
 * sessions       user_id, started_at, ended_at, duration (exact seconds), events
 * user_activity  tz, [week_start], bucket (local date the day, week or month starts), user_id,
 *                events, first_at, last_at, sessions (started in the bucket), session_seconds (theirs)
 * user_totals    user_id, events, first_at, last_at, sessions, session_seconds
 * rollup         tz, [week_start], bucket, d_<dimension>..., users (distinct), events, sessions, session_seconds
 * lifecycle      tz, [week_start], bucket, active, new, retained, resurrected
 * retention      tz, [week_start], cohort (signup bucket), bucket, retained
 * trailing       tz, window_days, day, users
 * churn          tz, [week_start], bucket, d_<dimension>..., signups (users who signed up in the bucket),
 *                churns (users whose first churn is in it), same_bucket (users who did both)
 */
import { sql, type RawBuilder } from 'kysely';
import type { ChurnMart, LifecycleMart, Mart, MartWeekStart, RetentionMart, RollupMart, UserActivityMart } from '../../catalog/types';

export function martTable(mart: Mart, alias: string): RawBuilder<unknown> {
  return sql`${sql.table(mart.table)} AS ${sql.id(alias)}`;
}

/** The predicate that picks one timezone (and week start) out of a user_activity mart's rows. */
export function zoneOf(mart: UserActivityMart | RollupMart | LifecycleMart | RetentionMart | ChurnMart, alias: string, timezone: string, weekStart: MartWeekStart): RawBuilder<boolean> {
  const tz = sql`${sql.id(alias, 'tz')} = ${timezone}::text`;
  return mart.grain === 'week' ? sql<boolean>`${tz} AND ${sql.id(alias, 'week_start')} = ${weekStart}::text` : sql<boolean>`${tz}`;
}

/** The column of a rollup that holds a dimension's value (prefixed so no dimension name can shadow a count). */
export function rollupColumn(dimension: string): string {
  return `d_${dimension}`;
}

/** Does one bucket of the mart equal one bucket of this query grain? Then each user has at most one row per bucket. */
export function sameGrain(mart: UserActivityMart | RollupMart, grain: string | null): boolean {
  return (mart.grain === 'day' && grain === 'DAY') || (mart.grain === 'week' && grain === 'WEEK') || (mart.grain === 'month' && grain === 'MONTH');
}
