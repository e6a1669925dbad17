import { sql, type RawBuilder } from 'kysely';
import { postgres, type CalendarKind, type Dialect, type Sql } from './dialect';
import type { Grain, TimeSpec } from './query';
import { addDays, bucketCount, epochDay } from './time-range';

/**
 * The calendar of one request (SPEC §2): its range, zone, grain and week
 * start, written through the dialect. Local times are wall-clock times in the
 * query zone; instants are absolute.
 */
export class TimeSql {
  constructor(
    readonly spec: TimeSpec,
    readonly dialect: Dialect = postgres,
  ) {}

  get tz(): Sql {
    return this.dialect.text(this.spec.timezone);
  }

  /** Wall-clock start of the range: `from` 00:00. */
  get localFrom(): RawBuilder<Date> {
    return this.dialect.midnight(this.spec.timeRange.from);
  }

  /** Wall-clock end of the range (exclusive): `to` + 1 day, 00:00. */
  get localTo(): RawBuilder<Date> {
    return this.dialect.midnight(addDays(this.spec.timeRange.to, 1));
  }

  /** A wall-clock time in the query zone, as an instant. */
  instant(local: Sql): RawBuilder<Date> {
    return this.dialect.instant(local, this.tz);
  }

  /** An instant as wall-clock time in the query zone. */
  local(instant: Sql): RawBuilder<Date> {
    return this.dialect.local(instant, this.tz);
  }

  /** The instant N calendar days before a wall-clock time (DST-correct windows). */
  windowStart(localEnd: Sql, days: number): RawBuilder<Date> {
    return this.instant(sql`(${localEnd} - ${this.dialect.days(days)})`);
  }

  /** The request's buckets (Dialect.calendar); `grain` defaults to the request's. */
  calendar(kind: CalendarKind, grain: Grain | null = this.spec.grain): Sql {
    const from = epochDay(this.spec.timeRange.from) ?? 0;
    const to = epochDay(this.spec.timeRange.to) ?? 0;
    // A DST day has 25 hours: room for one more per day would be plenty; two in all is enough.
    const atMost = grain === 'HOUR' ? (to - from + 1) * 24 + 2 : bucketCount(from, to, { grain, weekStart: this.spec.weekStart });
    return this.dialect.calendar({ kind, grain, weekStart: this.spec.weekStart, tz: this.tz, localFrom: this.localFrom, localTo: this.localTo, atMost });
  }

  /** Wall-clock start of the bucket holding wall-clock `local`. */
  bucketStart(grain: Grain, local: Sql): RawBuilder<Date> {
    return this.dialect.bucketStart(grain, this.spec.weekStart, local);
  }

  step(grain: Grain, times?: Sql): Sql {
    return this.dialect.step(grain, times);
  }

  /** Whole buckets from the bucket starting at wall-clock `origin` to the one holding `instant`. */
  ordinal(grain: Grain, origin: Sql, instant: Sql): RawBuilder<number> {
    return this.dialect.bucketOrdinal(grain, this.spec.weekStart, origin, this.local(instant), { instant, tz: this.tz });
  }

  /** The instant the last whole bucket overlapping the range ends: a constant the planner folds, unlike a subquery. */
  wholeRangeEnd(grain: Grain): RawBuilder<Date> {
    if (grain === 'HOUR') return this.instant(this.localTo);
    const last = this.bucketStart(grain, sql`(${this.localTo} - interval '1 day')`);
    return this.instant(sql`(${last} + ${this.step(grain)})`);
  }
}
