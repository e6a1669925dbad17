import { sql, type RawBuilder } from 'kysely';
import type { Catalog, LifecycleMart, RetentionMart, TrailingMart, UserActivityMart } from '../../../catalog/types';
import { postgres } from '../../dialect';
import { model } from '../../sources';
import { addedPairs, mergeDelta, type MergeTarget } from './delta';
import { inserts, statement, tempTable, type MartStatement } from './statement';
import { bucketOf, GRAINS, zoneColumns, zoneMatch, zonesOf, zoneValues, type Zone } from './zones';

/**
 * Marts that summarise a user_activity mart per bucket, so lifecycle,
 * signup retention and trailing windows read a few rows instead of every
 * user's buckets. A load only adds (user, bucket) rows to the source; the
 * refresh works out what each added row changes and merges that into the
 * mart's rows (delta.ts), reading only the added rows' users.
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

/**
 * A load adds (user, bucket) rows (pulse_added); each changes its own
 * bucket's counts (one more active user, classed by the user's previous
 * bucket) and, for its user's next bucket that was there before, the class
 * that bucket had (its previous bucket may now be the added one): that one's
 * old class is taken off and its new class added.
 */
function changedLifecycle(catalog: Catalog, mart: LifecycleMart, zone: Zone): MartStatement[] {
  const source = sourceOf(catalog, mart);
  const table = sql.table(source.table);
  const old = sql`NOT EXISTS (SELECT 1 FROM pulse_added AS x WHERE x.user_id = q.user_id AND x.bucket = q.bucket)`;
  const nearest = (at: RawBuilder<unknown>, direction: '<' | '>', onlyOld: boolean) =>
    sql`SELECT q.bucket FROM ${table} AS q WHERE ${zoneMatch(source, zone, 'q')} AND q.user_id = p.user_id AND q.bucket ${sql.raw(direction)} ${at}${onlyOld ? sql` AND ${old}` : sql``}
    ORDER BY q.bucket ${sql.raw(direction === '<' ? 'DESC' : 'ASC')} LIMIT 1`;
  const classed = (pairs: RawBuilder<unknown>, sign: number, active: number, onlyOld: boolean) =>
    sql`SELECT p.bucket, ${sign}::int AS sign, ${active}::int AS active, v.bucket AS prev FROM ${pairs} AS p
    ${postgres.lateralJoin(nearest(sql`p.bucket`, '<', onlyOld), 'v', true)}`;
  const next = sql`(SELECT DISTINCT p.user_id, n.bucket FROM pulse_added AS p ${postgres.lateralJoin(nearest(sql`p.bucket`, '>', true), 'n', false)})`;
  const when = (condition: RawBuilder<unknown>) => sql`sum(CASE WHEN ${condition} THEN c.sign ELSE 0 END)`;
  const before = sql`((c.bucket)::timestamp - ${step(mart)})::date`;
  const delta = sql`WITH nexts AS ${next}
SELECT c.bucket, sum(c.active) AS active, ${when(sql`c.prev IS NULL`)} AS new, ${when(sql`c.prev = ${before}`)} AS retained, ${when(sql`c.prev < ${before}`)} AS resurrected
FROM (
  ${classed(sql`pulse_added`, 1, 1, false)}
  UNION ALL
  ${classed(sql`nexts`, 1, 0, false)}
  UNION ALL
  ${classed(sql`nexts`, -1, 0, true)}
) AS c
GROUP BY c.bucket`;
  return [...addedPairs(source, zone), ...mergeDelta(summaryTarget(mart, zone, [], ['active', 'new', 'retained', 'resurrected']), delta), statement(sql`DROP TABLE pulse_added`)];
}

/** A summary mart's rows of one zone, for mergeDelta. */
function summaryTarget(mart: LifecycleMart | RetentionMart, zone: Zone, keys: string[], values: string[]): MergeTarget {
  return {
    table: mart.table,
    scope: { columns: zoneColumns(mart), values: zoneValues(mart, zone), match: (alias) => zoneMatch(mart, zone, alias) },
    bucket: 'bucket',
    keys,
    values,
  };
}

// ---- retention: per signup cohort bucket and bucket at or after it, the members active in it (SPEC §5)

function retentionRows(catalog: Catalog, mart: RetentionMart, zone: Zone): RawBuilder<unknown> {
  const source = sourceOf(catalog, mart);
  const users = model(catalog, mart.usersModel);
  const signup = sql.id('u', users.timeColumn ?? '');
  return sql`INSERT INTO ${sql.table(mart.table)} (${sql.raw(zoneColumns(mart))}, cohort, bucket, retained)
SELECT ${zoneValues(mart, zone)}, c.cohort, a.bucket, count(*)
FROM ${sql.table(source.table)} AS a
JOIN (SELECT ${sql.id('u', users.primaryKey)} AS user_id, ${bucketOf(mart, zone, signup)} AS cohort FROM ${sql.table(users.table)} AS u) AS c ON c.user_id = a.user_id
WHERE ${zoneMatch(source, zone, 'a')} AND a.bucket >= c.cohort
GROUP BY c.cohort, a.bucket`;
}

/** Each added (user, bucket) row at or after the user's cohort adds one to (cohort, bucket). */
function changedRetention(catalog: Catalog, mart: RetentionMart, zone: Zone): MartStatement[] {
  const source = sourceOf(catalog, mart);
  const users = model(catalog, mart.usersModel);
  const signup = sql.id('u', users.timeColumn ?? '');
  const delta = sql`SELECT p.bucket, c.cohort, count(*) AS retained
FROM pulse_added AS p
JOIN (SELECT ${sql.id('u', users.primaryKey)} AS user_id, ${bucketOf(mart, zone, signup)} AS cohort FROM ${sql.table(users.table)} AS u) AS c ON c.user_id = p.user_id
WHERE p.bucket >= c.cohort
GROUP BY p.bucket, c.cohort`;
  return [...addedPairs(source, zone), ...mergeDelta(summaryTarget(mart, zone, ['cohort'], ['retained']), delta), statement(sql`DROP TABLE pulse_added`)];
}

// ---- trailing: per local day and window of N days, the users active in the N days ending that day

/**
 * Each user's active days merge into islands where consecutive days are at
 * most N apart; an island covers the days from its first to its last + N - 1,
 * and a user's islands never overlap, so the users of day e are the islands
 * covering e: +1 where an island starts, -1 the day after it ends, summed
 * over the days in order.
 */
function trailingRows(catalog: Catalog, mart: TrailingMart, zone: Zone, days: number): RawBuilder<unknown> {
  const source = sourceOf(catalog, mart);
  const n = sql`${days}::int`;
  const islands = sql`islands AS (
  SELECT v, min(day) AS first_day, max(day) AS last_day FROM (
    SELECT v, day, sum(starts) OVER (PARTITION BY v ORDER BY day) AS island FROM (
      SELECT a.user_id AS v, a.bucket AS day, CASE WHEN a.bucket - lag(a.bucket) OVER (PARTITION BY a.user_id ORDER BY a.bucket) <= ${n} THEN 0 ELSE 1 END AS starts
      FROM ${sql.table(source.table)} AS a WHERE ${zoneMatch(source, zone, 'a')}
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
WHERE c.users > 0`;
}

function fullTrailing(catalog: Catalog, mart: TrailingMart, zone: Zone): MartStatement[] {
  return mart.windows.map((days) => inserts(trailingRows(catalog, mart, zone, days)));
}

/**
 * An added active day x of a user covers the days x .. x + N - 1 that the
 * user's earlier days did not: those after the window of their last day
 * before x (a) and before their first day after x (b), i.e.
 * [max(x, a + N), min(x + N - 1, b - 1)]. Each day gains the users it is
 * newly covered for.
 */
function changedTrailing(catalog: Catalog, mart: TrailingMart, zone: Zone): MartStatement[] {
  const source = sourceOf(catalog, mart);
  const table = sql.table(source.table);
  const nearest = (direction: '<' | '>') =>
    sql`(SELECT q.bucket FROM ${table} AS q WHERE ${zoneMatch(source, zone, 'q')} AND q.user_id = p.user_id AND q.bucket ${sql.raw(direction)} p.bucket
      AND NOT EXISTS (SELECT 1 FROM pulse_added AS x WHERE x.user_id = q.user_id AND x.bucket = q.bucket)
    ORDER BY q.bucket ${sql.raw(direction === '<' ? 'DESC' : 'ASC')} LIMIT 1)`;
  // Each added day's nearest earlier and later days of the user that were there before, for every window.
  const gaps = tempTable('pulse_gaps', sql`SELECT p.user_id, p.bucket, ${nearest('<')} AS before, ${nearest('>')} AS after FROM pulse_added AS p`);
  const windows = mart.windows.flatMap((days) => {
    const n = sql`${days}::int`;
    const delta = sql`SELECT g.day, count(*) AS users FROM (
  SELECT DISTINCT s.user_id, (d.day)::date AS day
  FROM (
    SELECT p.user_id, greatest(p.bucket, p.before + ${n}) AS lo, least(p.bucket + ${n} - 1, p.after - 1) AS hi FROM pulse_gaps AS p
  ) AS s
  ${postgres.lateralJoin(sql`SELECT generate_series((s.lo)::timestamp, (s.hi)::timestamp, interval '1 day') AS day`, 'd', false)}
) AS g
GROUP BY g.day`;
    const target: MergeTarget = {
      table: mart.table,
      scope: { columns: 'tz, window_days', values: sql`${zone.tz}::text, ${n}`, match: (alias) => sql`${sql.id(alias, 'tz')} = ${zone.tz}::text AND ${sql.id(alias, 'window_days')} = ${n}` },
      bucket: 'day',
      keys: [],
      values: ['users'],
    };
    return mergeDelta(target, delta);
  });
  return [...addedPairs(source, zone), ...gaps, ...windows, statement(sql`DROP TABLE pulse_added, pulse_gaps`)];
}

export function fullSummarySql(catalog: Catalog, mart: LifecycleMart | RetentionMart | TrailingMart): MartStatement[] {
  return zonesOf(mart).flatMap((zone) => {
    switch (mart.kind) {
      case 'lifecycle':
        return fullLifecycle(catalog, mart, zone);
      case 'retention':
        return [inserts(retentionRows(catalog, mart, zone))];
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
