import { sql, type RawBuilder } from 'kysely';
import type { TimeSpec } from './query';
import { GRAIN_UNITS } from './time-range';

/**
 * SQL for the calendar of a request. Local times are `timestamp` (wall clock in
 * the query's zone); instants are `timestamptz`. `local AT TIME ZONE tz` turns a
 * wall-clock time into an instant, so nothing depends on the session TimeZone.
 */
export class TimeSql {
  constructor(readonly spec: TimeSpec) {}

  get tz(): RawBuilder<string> {
    return sql<string>`${this.spec.timezone}::text`;
  }

  /** Wall-clock start of the range: `from` 00:00. */
  get localFrom(): RawBuilder<Date> {
    return sql<Date>`(${this.spec.timeRange.from}::date)::timestamp`;
  }

  /** Wall-clock end of the range (exclusive): `to` + 1 day, 00:00. */
  get localTo(): RawBuilder<Date> {
    return sql<Date>`(${this.spec.timeRange.to}::date + 1)::timestamp`;
  }

  /** A wall-clock time in the query zone, as an instant. */
  instant(local: RawBuilder<unknown>): RawBuilder<Date> {
    return sql<Date>`(${local} AT TIME ZONE ${this.tz})`;
  }

  /** An instant as wall-clock time in the query zone. */
  local(instant: RawBuilder<unknown>): RawBuilder<Date> {
    return sql<Date>`(${instant} AT TIME ZONE ${this.tz})`;
  }

  /** The instant N calendar days before a bucket's wall-clock end (DST-correct windows). */
  windowStart(localEnd: RawBuilder<unknown>, days: number): RawBuilder<Date> {
    return this.instant(sql`(${localEnd} - make_interval(days => ${days}::int))`);
  }

  /**
   * One row per bucket: period (unclipped start instant), bucket_start and
   * bucket_end (clipped to the range, as instants), local_end (clipped end,
   * wall clock) and day_count (calendar days in the clipped bucket).
   */
  bucketsQuery(): RawBuilder<unknown> {
    const { grain, weekStart } = this.spec;
    const from = this.localFrom;
    const to = this.localTo;
    if (grain === null) {
      return sql`SELECT ${this.instant(from)} AS period, ${this.instant(from)} AS bucket_start, ${this.instant(to)} AS bucket_end,
    ${to} AS local_end, (${to}::date - ${from}::date) AS day_count`;
    }
    if (grain === 'HOUR') {
      // Hours step in absolute time so a DST day has 23 or 25 of them.
      return sql`SELECT s.t AS period, s.t AS bucket_start, s.t + interval '1 hour' AS bucket_end,
    ${this.local(sql`(s.t + interval '1 hour')`)} AS local_end, 1 AS day_count
  FROM generate_series(${this.instant(from)}, ${this.instant(to)} - interval '1 hour', interval '1 hour') AS s(t)`;
    }
    const unit = GRAIN_UNITS[grain];
    const first =
      grain === 'WEEK' && weekStart === 'SUNDAY'
        ? sql`date_trunc('week', ${from} + interval '1 day') - interval '1 day'`
        : sql`date_trunc(${unit.trunc}, ${from})`;
    const step = sql`${unit.step}::interval`;
    const start = sql`greatest(s.local_start, ${from})`;
    const end = sql`least(s.local_start + ${step}, ${to})`;
    return sql`SELECT ${this.instant(sql`s.local_start`)} AS period, ${this.instant(start)} AS bucket_start,
    ${this.instant(end)} AS bucket_end, ${end} AS local_end, (${end}::date - ${start}::date) AS day_count
  FROM generate_series(${first}, ${to} - interval '1 day', ${step}) AS s(local_start)`;
  }
}
