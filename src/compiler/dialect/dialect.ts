import type { RawBuilder } from 'kysely';
import type { CalendarPart } from '../../catalog/types';
import type { Grain, WeekStart } from '../query';

/** SQL text of any type; the dialect never sees request values except as bound parameters. */
export type Sql = RawBuilder<unknown>;

/**
 * Which calendar buckets a statement needs (SPEC §2):
 * - clipped: the buckets that overlap the range, clipped to it (metrics);
 * - overlapping: the same buckets, whole (lifecycle);
 * - inside: whole buckets that start inside the range (retention and conversion cohorts).
 */
export type CalendarKind = 'clipped' | 'overlapping' | 'inside';

export interface CalendarSpec {
  readonly kind: CalendarKind;
  /** null: one bucket, the whole range (clipped only). */
  readonly grain: Grain | null;
  readonly weekStart: WeekStart;
  /** The query zone, as SQL (a bound parameter). */
  readonly tz: Sql;
  /** Wall-clock start of the range and its exclusive end. */
  readonly localFrom: Sql;
  readonly localTo: Sql;
  /**
   * At least as many buckets as there are (computed from the dates): it tells
   * the planner how few rows the calendar has, where it would guess a
   * thousand and plan the joins with it badly.
   */
  readonly atMost: number;
}

/**
 * Everything that differs between SQL engines, in one object passed to every
 * compiler (Kysely's dialects are the model: a handful of small overrides).
 * Compilers write portable SQL (joins, GROUP BY, CASE, window functions) and
 * ask the dialect for the rest: time zones and calendars, filtered and ordered
 * aggregates, DISTINCT ON, LATERAL, recursion, JSON.
 */
export interface Dialect {
  readonly name: string;

  // Time. Local times are wall-clock times in a zone; instants are absolute.
  /** A wall-clock time in zone `tz`, as an instant. */
  instant(local: Sql, tz: Sql): RawBuilder<Date>;
  /** An instant as wall-clock time in zone `tz`. */
  local(instant: Sql, tz: Sql): RawBuilder<Date>;
  /** The calendar date of a wall-clock time. */
  date(local: Sql): RawBuilder<string>;
  /** A calendar date (bound as text) at 00:00 wall clock. */
  midnight(date: string): RawBuilder<Date>;
  /** A calendar date, YYYY-MM-DD, as a date value. */
  dateValue(date: string): RawBuilder<string>;
  /** A date value at 00:00 wall clock. */
  startOfDay(date: Sql): RawBuilder<Date>;
  /** Whole calendar days from one wall-clock time's date to another's. */
  daysBetween(fromLocal: Sql, toLocal: Sql): RawBuilder<number>;
  /** Wall-clock start of the bucket of `grain` that holds the wall-clock time `local`. */
  bucketStart(grain: Grain, weekStart: WeekStart, local: Sql): RawBuilder<Date>;
  /** One bucket of the grain, as an interval; `times` of them when given. */
  step(grain: Grain, times?: Sql): Sql;
  days(count: Sql | number): Sql;
  minutes(count: number): Sql;
  hours(count: number): Sql;
  /** Seconds in an interval, exact (numeric). */
  seconds(interval: Sql): RawBuilder<number>;
  /**
   * Whole buckets from the bucket starting at wall-clock `origin` to the bucket
   * holding wall-clock `local` (negative before it). HOUR buckets step in
   * absolute time, so `instant` is the same moment as an instant.
   */
  bucketOrdinal(grain: Grain, weekStart: WeekStart, origin: Sql, local: Sql, hour: { instant: Sql; tz: Sql }): RawBuilder<number>;
  /** A calendar label of a wall-clock time: 2026-03, 2026-Q1, ... */
  calendarLabel(local: Sql, part: CalendarPart): RawBuilder<string>;
  /**
   * The buckets of a request, one row each: ordinal (0 = first), period (the
   * unclipped start, an instant), local_start (its wall clock), bucket_start
   * and bucket_end (instants; clipped to the range for `clipped`), local_end
   * (wall clock of bucket_end), first_day and end_day (the local dates of
   * bucket_start and bucket_end; not for HOUR) and day_count (calendar days in the bucket).
   */
  calendar(spec: CalendarSpec): Sql;
  /** `count` ordinals from 0, one row each, in column `name`. */
  integers(count: Sql, name: string): Sql;

  // Aggregates and clauses.
  /** An aggregate over only the rows that meet `condition`. */
  filtered(aggregate: Sql, condition: Sql): Sql;
  percentile(fraction: number, value: Sql): Sql;
  /** The `value` of the row that comes first in `order`. */
  firstBy(value: Sql, order: Sql): Sql;
  /** Every value of a group, as a list; `unnestJoin` reads it back as rows. */
  collect(value: Sql): Sql;
  unnestJoin(list: Sql, alias: string, column: string): Sql;
  /** `SELECT DISTINCT ON (keys)`: one row per key, the first in ORDER BY. */
  distinctOn(keys: readonly Sql[]): Sql;
  /** A correlated subquery joined per row. */
  lateralJoin(subquery: Sql, alias: string, outer: boolean): Sql;
  /** The keyword a WITH clause needs when one of its CTEs refers to itself. */
  readonly recursive: Sql;
  /** Written after `name AS` so a CTE read twice is planned into each reader instead of computed once in full. */
  readonly inlined: Sql;
  /** A case-insensitive substring match, `pattern` already escaped for LIKE. */
  containsIgnoringCase(value: Sql, pattern: string): Sql;

  // JSON, for data test samples.
  toJsonRows(relation: string, order: Sql, limit: number): Sql;

  // Typed parameters.
  text(value: string | null): Sql;
  int(value: number): Sql;
  float(value: number): Sql;
  timestamp(iso: string): RawBuilder<Date>;
}
