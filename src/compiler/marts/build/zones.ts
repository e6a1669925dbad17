import { sql, type RawBuilder } from 'kysely';
import type { MartGrain, MartWeekStart } from '../../../catalog/types';
import { TimeSql } from '../../buckets';
import { postgres } from '../../dialect';
import type { Grain } from '../../query';
import { CHANGED_EVENTS, SESSION_CHANGES } from './changes';

/** One (timezone, week start) of a bucketed mart: its rows for it are built and refreshed together. */
export interface Zone {
  readonly tz: string;
  readonly weekStart: MartWeekStart;
}

export interface Bucketed {
  readonly grain: MartGrain;
  readonly timezones: readonly string[];
  readonly weekStarts: readonly MartWeekStart[];
}

export const GRAINS: Record<MartGrain, Grain> = { day: 'DAY', week: 'WEEK', month: 'MONTH' };

export function zonesOf(mart: Bucketed): Zone[] {
  return mart.timezones.flatMap((tz) => mart.weekStarts.map((weekStart) => ({ tz, weekStart })));
}

/** The zone's wall clock, for dimension values a mart keeps per user (signup_month reads it). */
export function wallClock(zone: Zone): TimeSql {
  return new TimeSql({ timeRange: { from: '1970-01-01', to: '1970-01-01' }, grain: null, timezone: zone.tz, weekStart: zone.weekStart });
}

/** The local date a bucket starts, for an instant. */
export function bucketOf(mart: Bucketed, zone: Zone, at: RawBuilder<unknown>): RawBuilder<unknown> {
  const local = postgres.local(at, postgres.text(zone.tz));
  return mart.grain === 'day' ? sql`(${local})::date` : sql`(${postgres.bucketStart(GRAINS[mart.grain], zone.weekStart, local)})::date`;
}

/** The same for a local date (rows of a day mart). */
export function bucketOfDate(mart: Bucketed, zone: Zone, date: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(${postgres.bucketStart(GRAINS[mart.grain], zone.weekStart, postgres.startOfDay(date))})::date`;
}

/** Where a bucket starts and ends, as instants. */
export function bucketBounds(mart: Bucketed, zone: Zone, bucket: RawBuilder<unknown>): { start: RawBuilder<unknown>; end: RawBuilder<unknown> } {
  const tz = postgres.text(zone.tz);
  const start = postgres.startOfDay(bucket);
  return { start: postgres.instant(start, tz), end: postgres.instant(sql`(${start} + ${postgres.step(GRAINS[mart.grain])})`, tz) };
}

/** The zone columns' values, for an INSERT. */
export function zoneValues(mart: Bucketed, zone: Zone): RawBuilder<unknown> {
  return mart.grain === 'week' ? sql`${zone.tz}::text, ${zone.weekStart}::text` : sql`${zone.tz}::text`;
}

export function zoneColumns(mart: Bucketed): string {
  return mart.grain === 'week' ? 'tz, week_start' : 'tz';
}

export function zoneMatch(mart: Bucketed, zone: Zone, alias: string): RawBuilder<unknown> {
  const tz = sql`${sql.id(alias, 'tz')} = ${zone.tz}::text`;
  return mart.grain === 'week' ? sql`${tz} AND ${sql.id(alias, 'week_start')} = ${zone.weekStart}::text` : tz;
}

/**
 * (user_id, bucket) for every bucket a load touched: those its new rows fall
 * in (a user's rows of one UTC day span at most a few local buckets: every
 * one from the first to the last) and the start buckets of the sessions the
 * refresh removed or added.
 */
export function touchedBucketsSql(mart: Bucketed, zone: Zone): RawBuilder<unknown> {
  const step = postgres.step(GRAINS[mart.grain]);
  return sql`SELECT DISTINCT c.user_id, (s.b)::date AS bucket
FROM (
  SELECT user_id, ${bucketOf(mart, zone, sql`min_at`)} AS lo, ${bucketOf(mart, zone, sql`max_at`)} AS hi FROM ${sql.table(CHANGED_EVENTS)}
  UNION ALL
  SELECT user_id, ${bucketOf(mart, zone, sql`started_at`)}, ${bucketOf(mart, zone, sql`started_at`)} FROM ${sql.table(SESSION_CHANGES)}
) AS c
${postgres.lateralJoin(sql`SELECT generate_series((c.lo)::timestamp, (c.hi)::timestamp, ${step}) AS b`, 's', false)}`;
}
