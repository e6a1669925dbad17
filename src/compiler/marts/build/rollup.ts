import { sql, type RawBuilder } from 'kysely';
import type { Catalog, RollupMart, UserActivityMart } from '../../../catalog/types';
import { dimensionSql } from '../../dimension-sql';
import { dimension } from '../../sources';
import { rollupColumn } from '../layout';
import { userJoinsSql } from '../user-joins';
import { deltaOf, mergeDelta } from './delta';
import { inserts, type MartStatement } from './statement';
import { wallClock, type Zone, zoneColumns, zoneMatch, zonesOf, zoneValues } from './zones';

/**
 * A rollup sums its user_activity source per bucket and value of each
 * dimension: a user has one value of each, so counting the source's rows
 * counts distinct users. A load's changes to the source (delta.ts) are
 * summed per bucket and group and added to the rollup's rows.
 */
/** `SELECT bucket, d_<dimension>..., <measures> GROUP BY` over `rows` of the source (alias a) joined to each user's dimension values. */
function grouped(catalog: Catalog, mart: RollupMart, zone: Zone, rows: { from: RawBuilder<unknown>; where: RawBuilder<unknown> }, measures: RawBuilder<unknown>, extra: RawBuilder<unknown>): RawBuilder<unknown> {
  const source = catalog.marts.get(mart.source) as UserActivityMart;
  const time = wallClock(zone);
  const dims = mart.dimensions.map((name) => dimension(catalog, name));
  const values = dims.map((d) => sql`, ${dimensionSql(d, time)} AS ${sql.id(rollupColumn(d.name))}`);
  // Bound parameters make two copies of one expression different to PostgreSQL: group by output columns.
  const columns = dims.map((d) => sql`, g.${sql.id(rollupColumn(d.name))}`);
  return sql`SELECT g.bucket${sql.join(columns, sql``)}, ${measures}
FROM (
  SELECT a.bucket${sql.join(values, sql``)}, a.events, a.sessions, a.session_seconds${extra}
  FROM ${rows.from}
  ${userJoinsSql(catalog, source, 'a', dims, [])}
  WHERE ${rows.where}
) AS g
GROUP BY g.bucket${sql.join(columns, sql``)}`;
}

const MEASURES = ['users', 'events', 'sessions', 'session_seconds'] as const;

export function fullRollupSql(catalog: Catalog, mart: RollupMart): MartStatement[] {
  const source = catalog.marts.get(mart.source) as UserActivityMart;
  const dims = mart.dimensions.map((name) => sql`, ${sql.id(rollupColumn(name))}`);
  return zonesOf(mart).map((zone) => {
    const rows = { from: sql`${sql.table(source.table)} AS a`, where: zoneMatch(source, zone, 'a') };
    const sums = grouped(catalog, mart, zone, rows, sql`count(*), sum(g.events), sum(g.sessions), sum(g.session_seconds)`, sql``);
    return inserts(sql`INSERT INTO ${sql.table(mart.table)} (${sql.raw(zoneColumns(mart))}, bucket${sql.join(dims, sql``)}, ${sql.raw(MEASURES.join(', '))})
SELECT ${zoneValues(mart, zone)}, s.* FROM (${sums}) AS s`);
  });
}

/** The source's replaced (-1) and written (+1) rows, summed per bucket and group, merged into the rollup's rows. */
export function changedRollupSql(catalog: Catalog, mart: RollupMart): MartStatement[] {
  const source = catalog.marts.get(mart.source) as UserActivityMart;
  return zonesOf(mart).flatMap((zone) => {
    const delta = grouped(
      catalog, mart, zone, deltaOf(source, zone, 'a'),
      sql`sum(g.sign) AS users, sum(g.sign * g.events) AS events, sum(g.sign * g.sessions) AS sessions, sum(g.sign * g.session_seconds) AS session_seconds`,
      sql`, a.sign`,
    );
    const scope = { columns: zoneColumns(mart), values: zoneValues(mart, zone), match: (alias: string) => zoneMatch(mart, zone, alias) };
    return mergeDelta({ table: mart.table, scope, bucket: 'bucket', keys: mart.dimensions.map(rollupColumn), values: MEASURES }, delta);
  });
}
