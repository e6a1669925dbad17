import { sql, type RawBuilder } from 'kysely';
import type { CalendarPart } from '../../catalog/types';
import type { Grain, WeekStart } from '../query';
import type { CalendarSpec, Sql } from './dialect';

/**
 * PostgreSQL's calendar: local times are `timestamp` (wall clock), instants
 * `timestamptz`. `local AT TIME ZONE tz` turns a wall-clock time into an
 * instant and back, so nothing depends on the session TimeZone.
 */

const UNITS: Record<Grain, { trunc: string; step: string }> = {
  HOUR: { trunc: 'hour', step: '1 hour' },
  DAY: { trunc: 'day', step: '1 day' },
  WEEK: { trunc: 'week', step: '1 week' },
  MONTH: { trunc: 'month', step: '1 month' },
  QUARTER: { trunc: 'quarter', step: '3 months' },
  YEAR: { trunc: 'year', step: '1 year' },
};

const CALENDAR_FORMATS: Record<CalendarPart, string> = {
  day: 'YYYY-MM-DD',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

export const instant = (local: Sql, tz: Sql): RawBuilder<Date> => sql<Date>`(${local} AT TIME ZONE ${tz})`;
export const local = (at: Sql, tz: Sql): RawBuilder<Date> => sql<Date>`(${at} AT TIME ZONE ${tz})`;

export function step(grain: Grain, times?: Sql): Sql {
  const one = sql`${UNITS[grain].step}::interval`;
  return times === undefined ? one : sql`${one} * ${times}`;
}

export function bucketStart(grain: Grain, weekStart: WeekStart, at: Sql): RawBuilder<Date> {
  // date_trunc('week') is ISO (Monday); shift a day either way for Sunday weeks.
  if (grain === 'WEEK' && weekStart === 'SUNDAY') return sql<Date>`(date_trunc('week', ${at} + interval '1 day') - interval '1 day')`;
  return sql<Date>`date_trunc(${UNITS[grain].trunc}, ${at})`;
}

export function bucketOrdinal(grain: Grain, weekStart: WeekStart, origin: Sql, at: Sql, hour: { instant: Sql; tz: Sql }): RawBuilder<number> {
  if (grain === 'HOUR') return sql<number>`floor(extract(epoch FROM ${hour.instant} - ${instant(origin, hour.tz)}) / 3600)::int`;
  const start = bucketStart(grain, weekStart, at);
  // Calendar units between bucket starts divide exactly: no floor on negative numbers needed.
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

export const calendarLabel = (at: Sql, part: CalendarPart): RawBuilder<string> => sql<string>`to_char(${at}, ${CALENDAR_FORMATS[part]}::text)`;

/** See Dialect.calendar. One generator for every kind of bucket list. */
export function calendar(spec: CalendarSpec): Sql {
  const { grain, weekStart, tz, localFrom: from, localTo: to } = spec;
  if (grain === null) {
    if (spec.kind !== 'clipped') throw new Error('whole buckets need a grain');
    return sql`SELECT 0 AS ordinal, ${instant(from, tz)} AS period, ${from} AS local_start, ${instant(from, tz)} AS bucket_start,
    ${instant(to, tz)} AS bucket_end, ${to} AS local_end, ${from}::date AS first_day, ${to}::date AS end_day, (${to}::date - ${from}::date) AS day_count`;
  }
  if (grain === 'HOUR') {
    // Hours step in absolute time from local midnight, so a DST day has 23 or 25 of them.
    return sql`SELECT (s.n - 1)::int AS ordinal, s.t AS period, ${local(sql`s.t`, tz)} AS local_start, s.t AS bucket_start,
    s.t + interval '1 hour' AS bucket_end, ${local(sql`(s.t + interval '1 hour')`, tz)} AS local_end, 1 AS day_count
  FROM generate_series(${instant(from, tz)}, ${instant(to, tz)} - interval '1 hour', interval '1 hour') WITH ORDINALITY AS s(t, n)
  LIMIT ${spec.atMost}::int`;
  }
  const one = step(grain);
  // Buckets starting inside the range: the first bucket starting on or after `from` holds from + step - 1 day
  // (from a Wednesday, the next Monday; from Jan 31, Feb 1).
  const first = bucketStart(grain, weekStart, spec.kind === 'inside' ? sql`(${from} + ${one} - interval '1 day')` : from);
  const start = spec.kind === 'clipped' ? sql`greatest(s.local_start, ${from})` : sql`s.local_start`;
  const end = spec.kind === 'clipped' ? sql`least(s.local_start + ${one}, ${to})` : sql`(s.local_start + ${one})`;
  return sql`SELECT (s.n - 1)::int AS ordinal, ${instant(sql`s.local_start`, tz)} AS period, s.local_start, ${instant(start, tz)} AS bucket_start,
    ${instant(end, tz)} AS bucket_end, ${end} AS local_end, ${start}::date AS first_day, ${end}::date AS end_day, (${end}::date - ${start}::date) AS day_count
  FROM generate_series(${first}, ${to} - interval '1 day', ${one}) WITH ORDINALITY AS s(local_start, n)
  LIMIT ${spec.atMost}::int`;
}
