import { sql, type RawBuilder } from 'kysely';
import type { Catalog, UserActivityMart } from '../../../catalog/types';
import { postgres } from '../../dialect';
import { model } from '../../sources';
import { ACTIVITY_DELTA } from './changes';
import { deltaOf } from './delta';
import { deletes, inserts, statement, tempTable, type MartStatement } from './statement';
import { bucketBounds, bucketOf, bucketOfDate, touchedBucketsSql, zoneMatch, zonesOf, zoneValues, type Zone } from './zones';

/**
 * A user_activity mart, one (timezone, week start) at a time: per user and
 * local bucket, the events, first and last event, and the sessions that
 * start in it with their seconds. A week or month mart whose timezone a day
 * mart keeps is summed from the day mart's rows (a bucket is a union of
 * days); otherwise it is read from the raw rows and the sessions mart.
 */
/** The day mart of the same model that keeps `tz`, if there is one. */
export function dayMartFor(catalog: Catalog, mart: UserActivityMart, tz: string): UserActivityMart | null {
  if (mart.grain === 'day') return null;
  for (const other of catalog.marts.values()) {
    if (other.kind === 'user_activity' && other.grain === 'day' && other.model === mart.model && other.timezones.includes(tz)) return other;
  }
  return null;
}

function columns(mart: UserActivityMart): RawBuilder<unknown> {
  return sql.raw(`tz, ${mart.grain === 'week' ? 'week_start, ' : ''}bucket, user_id, events, first_at, last_at, sessions, session_seconds`);
}

export function fullUserActivitySql(catalog: Catalog, mart: UserActivityMart): MartStatement[] {
  return zonesOf(mart).map((zone) => {
    const day = dayMartFor(catalog, mart, zone.tz);
    if (day) {
      // Bound parameters make two copies of one expression different to PostgreSQL: group by an output column.
      return inserts(sql`INSERT INTO ${sql.table(mart.table)} (${columns(mart)})
SELECT ${zoneValues(mart, zone)}, d.b, d.user_id, sum(d.events), min(d.first_at), max(d.last_at), sum(d.sessions), sum(d.session_seconds)
FROM (SELECT ${bucketOfDate(mart, zone, sql`day.bucket`)} AS b, day.* FROM ${sql.table(day.table)} AS day WHERE day.tz = ${zone.tz}::text) AS d
GROUP BY d.b, d.user_id`);
    }
    const m = model(catalog, mart.model);
    const at = sql.id('e', m.timeColumn ?? '');
    const sessions = mart.sessions === null ? null : catalog.marts.get(mart.sessions);
    const sessionJoin = sessions
      ? sql`LEFT JOIN (
  SELECT user_id, ${bucketOf(mart, zone, sql`started_at`)} AS bucket, count(*) AS sessions, sum(duration) AS seconds
  FROM ${sql.table(sessions.table)} GROUP BY 1, 2
) AS s ON s.user_id = e.user_id AND s.bucket = e.bucket`
      : sql``;
    const sessionValues = sessions ? sql`coalesce(s.sessions, 0), coalesce(s.seconds, 0)` : sql`0, 0`;
    return inserts(sql`INSERT INTO ${sql.table(mart.table)} (${columns(mart)})
SELECT ${zoneValues(mart, zone)}, e.bucket, e.user_id, e.events, e.first_at, e.last_at, ${sessionValues}
FROM (
  SELECT ${sql.id('e', m.userKey ?? '')} AS user_id, ${bucketOf(mart, zone, at)} AS bucket, count(*) AS events, min(${at}) AS first_at, max(${at}) AS last_at
  FROM ${sql.table(m.table)} AS e GROUP BY 1, 2
) AS e
${sessionJoin}`);
  });
}

/**
 * The rows a load changed, in each zone; the rows replaced and written go to
 * pulse_activity_delta for the marts summed from this one (delta.ts).
 */
export function changedUserActivitySql(catalog: Catalog, mart: UserActivityMart): MartStatement[] {
  const zones = zonesOf(mart).flatMap((zone) => {
    const day = dayMartFor(catalog, mart, zone.tz);
    return day ? fromDayDelta(mart, zone, day) : fromTouchedBuckets(catalog, mart, zone);
  });
  // Statistics of the delta once this mart's rows are in it, for the marts that read them.
  return [...zones, statement(sql`ANALYZE ${sql.table(ACTIVITY_DELTA)}`)];
}

/**
 * The buckets a load touched (its new rows' buckets, and the start buckets of
 * the sessions it removed or added) are recomputed from the raw rows and the
 * sessions mart: deleted, then inserted again.
 */
function fromTouchedBuckets(catalog: Catalog, mart: UserActivityMart, zone: Zone): MartStatement[] {
  const add = inserts(recorded(mart, zone, 1, sql`INSERT INTO ${sql.table(mart.table)} (${columns(mart)})\n${fromRaw(catalog, mart, zone)}\nRETURNING ${sql.raw(DELTA_COLUMNS.join(', '))}`));
  return [...tempTable('pulse_keys', touchedBucketsSql(mart, zone)), removeKeys(mart, zone), add, ...finish];
}

/**
 * A week or month is the sum of its days: the day mart's delta, summed per
 * user and bucket, is added to the bucket's row. First and last event only
 * move outward (a load only adds events), so they are the least and greatest
 * of the old row's and the new day rows'.
 */
function fromDayDelta(mart: UserActivityMart, zone: Zone, day: UserActivityMart): MartStatement[] {
  const dayZone = zonesOf(day).find((z) => z.tz === zone.tz) ?? zone;
  const { from, where } = deltaOf(day, dayZone, 'd');
  const keys = tempTable(
    'pulse_keys',
    sql`SELECT k.bucket, k.user_id, sum(k.events) AS events, min(k.first_at) AS first_at, max(k.last_at) AS last_at, sum(k.sessions) AS sessions, sum(k.session_seconds) AS session_seconds
FROM (
  SELECT ${bucketOfDate(mart, zone, sql`d.bucket`)} AS bucket, d.user_id, d.sign * d.events AS events, d.sign * d.sessions AS sessions, d.sign * d.session_seconds AS session_seconds,
    CASE WHEN d.sign > 0 THEN d.first_at END AS first_at, CASE WHEN d.sign > 0 THEN d.last_at END AS last_at
  FROM ${from} WHERE ${where}
) AS k
GROUP BY k.bucket, k.user_id`,
  );
  const old = deltaOf(mart, zone, 'o');
  const rows = sql`SELECT ${zoneValues(mart, zone)}, k.bucket, k.user_id, coalesce(o.events, 0) + k.events, least(o.first_at, k.first_at), greatest(o.last_at, k.last_at),
  coalesce(o.sessions, 0) + k.sessions, coalesce(o.session_seconds, 0) + k.session_seconds
FROM pulse_keys AS k
LEFT JOIN ${old.from} ON ${old.where} AND o.sign = -1 AND o.user_id = k.user_id AND o.bucket = k.bucket`;
  const add = inserts(recorded(mart, zone, 1, sql`INSERT INTO ${sql.table(mart.table)} (${columns(mart)})\n${rows}\nRETURNING ${sql.raw(DELTA_COLUMNS.join(', '))}`));
  return [...keys, removeKeys(mart, zone), add, ...finish];
}

/**
 * The rows of the keys in pulse_keys, deleted and recorded with sign -1. The
 * keys' range of buckets lets PostgreSQL read the newest buckets by index
 * (a hash join over 12k keys otherwise scans every row of the zone).
 */
function removeKeys(mart: UserActivityMart, zone: Zone): MartStatement {
  return deletes(
    recorded(mart, zone, -1, sql`DELETE FROM ${sql.table(mart.table)} AS m USING pulse_keys AS k
WHERE ${zoneMatch(mart, zone, 'm')} AND m.user_id = k.user_id AND m.bucket = k.bucket
  AND m.bucket >= (SELECT min(bucket) FROM pulse_keys) AND m.bucket <= (SELECT max(bucket) FROM pulse_keys)
RETURNING ${sql.raw(DELTA_COLUMNS.map((c) => `m.${c}`).join(', '))}`),
  );
}

const finish = [statement(sql`DROP TABLE pulse_keys`)];

const DELTA_COLUMNS = ['user_id', 'bucket', 'events', 'sessions', 'session_seconds', 'first_at', 'last_at'] as const;

/** A DELETE or INSERT ... RETURNING DELTA_COLUMNS whose rows are recorded in pulse_activity_delta with a sign; its row count is theirs. */
function recorded(mart: UserActivityMart, zone: Zone, sign: 1 | -1, change: RawBuilder<unknown>): RawBuilder<unknown> {
  const list = sql.raw(DELTA_COLUMNS.join(', '));
  return sql`WITH changed AS (${change})
INSERT INTO ${sql.table(ACTIVITY_DELTA)} (mart, tz, week_start, sign, ${list})
SELECT ${mart.name}::text, ${zone.tz}::text, ${zone.weekStart}::text, ${sign}::int, ${list} FROM changed`;
}

function fromRaw(catalog: Catalog, mart: UserActivityMart, zone: Zone): RawBuilder<unknown> {
  const m = model(catalog, mart.model);
  const at = sql.id('ev', m.timeColumn ?? '');
  const { start, end } = bucketBounds(mart, zone, sql`k.bucket`);
  const sessions = mart.sessions === null ? null : catalog.marts.get(mart.sessions);
  const sessionJoin = sessions
    ? postgres.lateralJoin(
        sql`SELECT count(*) AS sessions, sum(ms.duration) AS seconds FROM ${sql.table(sessions.table)} AS ms
    WHERE ms.user_id = k.user_id AND ms.started_at >= ${start} AND ms.started_at < ${end}`,
        's',
        true,
      )
    : sql``;
  const sessionValues = sessions ? sql`s.sessions, coalesce(s.seconds, 0)` : sql`0, 0`;
  return sql`SELECT ${zoneValues(mart, zone)}, k.bucket, k.user_id, e.events, e.first_at, e.last_at, ${sessionValues}
FROM pulse_keys AS k
${postgres.lateralJoin(
  sql`SELECT count(*) AS events, min(${at}) AS first_at, max(${at}) AS last_at FROM ${sql.table(m.table)} AS ev
    WHERE ${sql.id('ev', m.userKey ?? '')} = k.user_id AND ${at} >= ${start} AND ${at} < ${end}`,
  'e',
  false,
)}
${sessionJoin}
WHERE e.events > 0`;
}
