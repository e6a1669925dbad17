import { sql, type RawBuilder } from 'kysely';
import type { Catalog, RollupMart, UserActivityMart } from '../../../catalog/types';
import { TimeSql } from '../../buckets';
import { dimensionSql } from '../../dimension-sql';
import { dimension } from '../../sources';
import { rollupColumn } from '../layout';
import { userJoinsSql } from '../user-joins';
import { deletes, inserts, statement, tempTable, type MartStatement } from './statement';
import { touchedBucketsSql, zoneColumns, zoneMatch, zonesOf, zoneValues, type Zone } from './zones';

/**
 * A rollup sums its user_activity source per bucket and value of each
 * dimension: a user has one value of each, so counting the source's rows
 * counts distinct users. A load changes whole buckets of it: those the
 * source's touched rows are in are summed again.
 */
function sumSql(catalog: Catalog, mart: RollupMart, zone: Zone, buckets: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const source = catalog.marts.get(mart.source) as UserActivityMart;
  // Calendar dimensions (signup_month) read the zone's wall clock.
  const time = new TimeSql({ timeRange: { from: '1970-01-01', to: '1970-01-01' }, grain: null, timezone: zone.tz, weekStart: zone.weekStart });
  const dims = mart.dimensions.map((name) => dimension(catalog, name));
  const values = dims.map((d) => sql`, ${dimensionSql(d, time)} AS ${sql.id(rollupColumn(d.name))}`);
  const columns = dims.map((d) => sql`, g.${sql.id(rollupColumn(d.name))}`);
  const only = buckets ? sql` AND a.bucket IN (SELECT bucket FROM ${buckets})` : sql``;
  return sql`INSERT INTO ${sql.table(mart.table)} (${sql.raw(zoneColumns(mart))}, bucket${sql.join(dims.map((d) => sql`, ${sql.id(rollupColumn(d.name))}`), sql``)}, users, events, sessions, session_seconds)
SELECT ${zoneValues(mart, zone)}, g.bucket${sql.join(columns, sql``)}, count(*), sum(g.events), sum(g.sessions), sum(g.session_seconds)
FROM (
  SELECT a.bucket${sql.join(values, sql``)}, a.events, a.sessions, a.session_seconds
  FROM ${sql.table(source.table)} AS a
  ${userJoinsSql(catalog, source, 'a', dims, [])}
  WHERE ${zoneMatch(source, zone, 'a')}${only}
) AS g
GROUP BY g.bucket${sql.join(columns, sql``)}`;
}

export function fullRollupSql(catalog: Catalog, mart: RollupMart): MartStatement[] {
  return zonesOf(mart).map((zone) => inserts(sumSql(catalog, mart, zone, null)));
}

export function changedRollupSql(catalog: Catalog, mart: RollupMart): MartStatement[] {
  return zonesOf(mart).flatMap((zone) => [
    ...tempTable('pulse_buckets', sql`SELECT DISTINCT bucket FROM (${touchedBucketsSql(mart, zone)}) AS touched`),
    deletes(sql`DELETE FROM ${sql.table(mart.table)} AS r WHERE ${zoneMatch(mart, zone, 'r')} AND r.bucket IN (SELECT bucket FROM pulse_buckets)`),
    inserts(sumSql(catalog, mart, zone, sql.table('pulse_buckets'))),
    statement(sql`DROP TABLE pulse_buckets`),
  ]);
}
