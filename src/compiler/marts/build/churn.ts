import { sql, type RawBuilder } from 'kysely';
import type { Catalog, ChurnMart } from '../../../catalog/types';
import { dimensionSql } from '../../dimension-sql';
import { dimension, joinsSql, model, modelsFor } from '../../sources';
import { rollupColumn } from '../layout';
import { deletes, inserts, type MartStatement } from './statement';
import { bucketOf, wallClock, type Zone, zoneColumns, zoneMatch, zonesOf, zoneValues } from './zones';

/**
 * churn_rate's counts per local bucket and group of user dimensions. A user
 * is at risk in bucket B when their signup bucket is before B and their first
 * churn, if any, is not; ingest refuses a churn before the signup, so the
 * users at risk in B are the signups before B minus the first churns before
 * B (two running sums), and those who churn in B are B's first churns minus
 * the users who signed up in B as well. Each user adds one to `signups` of
 * their signup bucket and one to `churns` of their first churn's.
 *
 * The rows depend on every user and churn record, not on events: a load of
 * users, churn records or plans rebuilds the mart (a few hundred ms at 200k
 * users); an events load leaves it as it is.
 */
function churnRows(catalog: Catalog, mart: ChurnMart, zone: Zone): RawBuilder<unknown> {
  const users = model(catalog, mart.model);
  const churn = model(catalog, mart.churnModel);
  const u = (column: string) => sql.id(users.name, column);
  const time = wallClock(zone);
  const dims = mart.dimensions.map((name) => dimension(catalog, name));
  const needed = modelsFor(catalog, dims, []);
  needed.delete(users.name);
  const names = dims.map((d) => sql.id(rollupColumn(d.name)));
  const values = dims.map((d) => sql`, ${dimensionSql(d, time)} AS ${sql.id(rollupColumn(d.name))}`);
  const carried = names.map((n) => sql`, p.${n}`);
  const grouped = names.map((n) => sql`, e.${n}`);
  return sql`WITH per_user AS (
  SELECT ${bucketOf(mart, zone, u(users.timeColumn ?? ''))} AS signed_up, ${bucketOf(mart, zone, sql`f.first_at`)} AS churned${sql.join(values, sql``)}
  FROM ${sql.table(users.table)} AS ${sql.id(users.name)}
  LEFT JOIN (
    SELECT ${sql.ref(`c.${churn.userKey ?? ''}`)} AS user_key, min(${sql.ref(`c.${churn.timeColumn ?? ''}`)}) AS first_at
    FROM ${sql.table(churn.table)} AS c GROUP BY 1
  ) AS f ON f.user_key = ${u(users.primaryKey)}
  ${joinsSql(catalog, users.name, needed)}
)
INSERT INTO ${sql.table(mart.table)} (${sql.raw(zoneColumns(mart))}, bucket${sql.join(names.map((n) => sql`, ${n}`), sql``)}, signups, churns, same_bucket)
SELECT ${zoneValues(mart, zone)}, e.bucket${sql.join(grouped, sql``)}, sum(e.signups), sum(e.churns), sum(e.same_bucket)
FROM (
  SELECT p.signed_up AS bucket${sql.join(carried, sql``)}, 1 AS signups, 0 AS churns, CASE WHEN p.churned = p.signed_up THEN 1 ELSE 0 END AS same_bucket FROM per_user AS p
  UNION ALL
  SELECT p.churned${sql.join(carried, sql``)}, 0, 1, 0 FROM per_user AS p WHERE p.churned IS NOT NULL
) AS e
GROUP BY e.bucket${sql.join(grouped, sql``)}`;
}

export function fullChurnSql(catalog: Catalog, mart: ChurnMart): MartStatement[] {
  return zonesOf(mart).map((zone) => inserts(churnRows(catalog, mart, zone)));
}

/** Every row again, in place: the refresh only asks for it after a load of what the rows are counted from. */
export function changedChurnSql(catalog: Catalog, mart: ChurnMart): MartStatement[] {
  return zonesOf(mart).flatMap((zone) => [
    deletes(sql`DELETE FROM ${sql.table(mart.table)} AS r WHERE ${zoneMatch(mart, zone, 'r')}`),
    inserts(churnRows(catalog, mart, zone)),
  ]);
}
