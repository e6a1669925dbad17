import { sql, type RawBuilder } from 'kysely';
import type { Catalog, LifecycleMart, RetentionMart, TrailingMart, UserActivityMart } from '../../../catalog/types';
import { postgres } from '../../dialect';
import { model } from '../../sources';
import { deletes, inserts, statement, tempTable, type MartStatement } from './statement';
import { bucketOf, GRAINS, touchedBucketsSql, zoneColumns, zoneMatch, zonesOf, zoneValues, type Zone } from './zones';

/**
 * Marts that summarise a user_activity mart per bucket, so lifecycle,
 * signup retention and trailing windows read a few rows instead of every
 * user's buckets. Each is recomputed for exactly the buckets a load can
 * change: the touched buckets, plus what depends on them (the next active
 * bucket of each touched user for lifecycle, the window's following days for
 * trailing windows).
 */

const sourceOf = (catalog: Catalog, mart: { source: string }) => catalog.marts.get(mart.source) as UserActivityMart;
const step = (mart: LifecycleMart) => postgres.step(GRAINS[mart.grain]);

// ---- lifecycle: per bucket, active users and how many are new, retained, resurrected (SPEC §6)

function lifecycleRows(mart: LifecycleMart, zone: Zone, withPrevious: RawBuilder<unknown>): RawBuilder<unknown> {
  const count = (condition: RawBuilder<unknown>) => postgres.filtered(sql`count(*)`, condition);
  return sql`INSERT INTO ${sql.table(mart.table)} (${sql.raw(zoneColumns(mart))}, bucket, active, new, retained, resurrected)
SELECT ${zoneValues(mart, zone)}, s.bucket, count(*), ${count(sql`s.prev IS NULL`)}, ${count(sql`s.prev = s.before`)}, ${count(sql`s.prev < s.before`)}
FROM (${withPrevious}) AS s
GROUP BY s.bucket`;
}

function fullLifecycle(catalog: Catalog, mart: LifecycleMart, zone: Zone): MartStatement[] {
  const source = sourceOf(catalog, mart);
  return [
    inserts(lifecycleRows(mart, zone, sql`SELECT a.bucket, lag(a.bucket) OVER (PARTITION BY a.user_id ORDER BY a.bucket) AS prev, ((a.bucket)::timestamp - ${step(mart)})::date AS before
  FROM ${sql.table(source.table)} AS a WHERE ${zoneMatch(source, zone, 'a')}`)),
  ];
}

function changedLifecycle(catalog: Catalog, mart: LifecycleMart, zone: Zone): MartStatement[] {
  const source = sourceOf(catalog, mart);
  const table = sql.table(source.table);
  // A user's new bucket changes its own state and that of the user's next active bucket (new, or back from a gap).
  const affected = tempTable(
    'pulse_buckets',
    sql`SELECT bucket FROM (${touchedBucketsSql(mart, zone)}) AS t
UNION
SELECT (SELECT min(n.bucket) FROM ${table} AS n WHERE ${zoneMatch(source, zone, 'n')} AND n.user_id = t.user_id AND n.bucket > t.bucket)
FROM (${touchedBucketsSql(mart, zone)}) AS t`,
  );
  const rows = sql`SELECT a.bucket, p.prev, ((a.bucket)::timestamp - ${step(mart)})::date AS before
  FROM ${table} AS a
  ${postgres.lateralJoin(sql`SELECT max(q.bucket) AS prev FROM ${table} AS q WHERE ${zoneMatch(source, zone, 'q')} AND q.user_id = a.user_id AND q.bucket < a.bucket`, 'p', true)}
  WHERE ${zoneMatch(source, zone, 'a')} AND a.bucket IN (SELECT bucket FROM pulse_buckets)`;
  return [
    ...affected,
    deletes(sql`DELETE FROM ${sql.table(mart.table)} AS l WHERE ${zoneMatch(mart, zone, 'l')} AND l.bucket IN (SELECT bucket FROM pulse_buckets)`),
    inserts(lifecycleRows(mart, zone, rows)),
    statement(sql`DROP TABLE pulse_buckets`),
  ];
}

// ---- retention: per signup cohort bucket and bucket at or after it, the members active in it (SPEC §5)

function retentionRows(catalog: Catalog, mart: RetentionMart, zone: Zone, only: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const source = sourceOf(catalog, mart);
  const users = model(catalog, mart.usersModel);
  const signup = sql.id('u', users.timeColumn ?? '');
  return sql`INSERT INTO ${sql.table(mart.table)} (${sql.raw(zoneColumns(mart))}, cohort, bucket, retained)
SELECT ${zoneValues(mart, zone)}, c.cohort, a.bucket, count(*)
FROM ${sql.table(source.table)} AS a
JOIN (SELECT ${sql.id('u', users.primaryKey)} AS user_id, ${bucketOf(mart, zone, signup)} AS cohort FROM ${sql.table(users.table)} AS u) AS c ON c.user_id = a.user_id
WHERE ${zoneMatch(source, zone, 'a')} AND a.bucket >= c.cohort${only ?? sql``}
GROUP BY c.cohort, a.bucket`;
}

function changedRetention(catalog: Catalog, mart: RetentionMart, zone: Zone): MartStatement[] {
  return [
    ...tempTable('pulse_buckets', sql`SELECT DISTINCT bucket FROM (${touchedBucketsSql(mart, zone)}) AS t`),
    deletes(sql`DELETE FROM ${sql.table(mart.table)} AS r WHERE ${zoneMatch(mart, zone, 'r')} AND r.bucket IN (SELECT bucket FROM pulse_buckets)`),
    inserts(retentionRows(catalog, mart, zone, sql` AND a.bucket IN (SELECT bucket FROM pulse_buckets)`)),
    statement(sql`DROP TABLE pulse_buckets`),
  ];
}

// ---- trailing: per local day and window of N days, the users active in the N days ending that day

/**
 * Each user's active days merge into islands where consecutive days are at
 * most N apart; an island covers the days from its first to its last + N - 1,
 * and a user's islands never overlap, so the users of day e are the islands
 * covering e: +1 where an island starts, -1 the day after it ends, summed
 * over the days in order. `span` bounds the days written and the rows read
 * (their N - 1 days before): a day's value depends only on its window.
 */
function trailingRows(catalog: Catalog, mart: TrailingMart, zone: Zone, days: number, span: { from: RawBuilder<unknown>; to: RawBuilder<unknown> } | null): RawBuilder<unknown> {
  const source = sourceOf(catalog, mart);
  const n = sql`${days}::int`;
  const read = span ? sql` AND a.bucket >= ${span.from} - ${n} + 1 AND a.bucket <= ${span.to}` : sql``;
  const written = span ? sql` AND c.day >= ${span.from} AND c.day <= ${span.to}` : sql``;
  const islands = sql`islands AS (
  SELECT v, min(day) AS first_day, max(day) AS last_day FROM (
    SELECT v, day, sum(starts) OVER (PARTITION BY v ORDER BY day) AS island FROM (
      SELECT a.user_id AS v, a.bucket AS day, CASE WHEN a.bucket - lag(a.bucket) OVER (PARTITION BY a.user_id ORDER BY a.bucket) <= ${n} THEN 0 ELSE 1 END AS starts
      FROM ${sql.table(source.table)} AS a WHERE ${zoneMatch(source, zone, 'a')}${read}
    ) AS gaps
  ) AS runs GROUP BY v, island
)`;
  return sql`WITH ${islands}
INSERT INTO ${sql.table(mart.table)} (tz, window_days, day, users)
SELECT ${zone.tz}::text, ${n}, c.day, c.users FROM (
  SELECT s.day, sum(coalesce(d.delta, 0)) OVER (ORDER BY s.day) AS users
  FROM (
    SELECT day, sum(delta) AS delta FROM (
      SELECT first_day AS day, 1 AS delta FROM islands
      UNION ALL
      SELECT last_day + ${n} AS day, -1 AS delta FROM islands
    ) AS edges GROUP BY day
  ) AS d
  RIGHT JOIN (
    SELECT (g.day)::date AS day
    FROM generate_series((SELECT min(first_day) FROM islands)::timestamp, (SELECT max(last_day) + ${n} - 1 FROM islands)::timestamp, interval '1 day') AS g(day)
  ) AS s ON s.day = d.day
) AS c
WHERE c.users > 0${written}`;
}

function fullTrailing(catalog: Catalog, mart: TrailingMart, zone: Zone): MartStatement[] {
  return mart.windows.map((days) => inserts(trailingRows(catalog, mart, zone, days, null)));
}

/** The touched days [lo, hi] change the values of days lo .. hi + N - 1. */
function changedTrailing(catalog: Catalog, mart: TrailingMart, zone: Zone): MartStatement[] {
  const span = tempTable('pulse_span', sql`SELECT min(bucket) AS lo, max(bucket) AS hi FROM (${touchedBucketsSql(mart, zone)}) AS t`);
  const lo = sql`(SELECT lo FROM pulse_span)`;
  return [
    ...span,
    ...mart.windows.flatMap((days) => {
      const to = sql`((SELECT hi FROM pulse_span) + ${days}::int - 1)`;
      return [
        deletes(sql`DELETE FROM ${sql.table(mart.table)} AS t WHERE t.tz = ${zone.tz}::text AND t.window_days = ${days}::int AND t.day >= ${lo} AND t.day <= ${to}`),
        inserts(trailingRows(catalog, mart, zone, days, { from: lo, to })),
      ];
    }),
    statement(sql`DROP TABLE pulse_span`),
  ];
}

export function fullSummarySql(catalog: Catalog, mart: LifecycleMart | RetentionMart | TrailingMart): MartStatement[] {
  return zonesOf(mart).flatMap((zone) => {
    switch (mart.kind) {
      case 'lifecycle':
        return fullLifecycle(catalog, mart, zone);
      case 'retention':
        return [inserts(retentionRows(catalog, mart, zone, null))];
      case 'trailing':
        return fullTrailing(catalog, mart, zone);
    }
  });
}

export function changedSummarySql(catalog: Catalog, mart: LifecycleMart | RetentionMart | TrailingMart): MartStatement[] {
  return zonesOf(mart).flatMap((zone) => {
    switch (mart.kind) {
      case 'lifecycle':
        return changedLifecycle(catalog, mart, zone);
      case 'retention':
        return changedRetention(catalog, mart, zone);
      case 'trailing':
        return changedTrailing(catalog, mart, zone);
    }
  });
}
