import { sql, type RawBuilder } from 'kysely';
import type { UserActivityMart } from '../../../catalog/types';
import { ACTIVITY_DELTA } from './changes';
import { deletes, inserts, statement, tempTable, type MartStatement } from './statement';
import type { Zone } from './zones';

/**
 * Marts summed from a user_activity mart take a load's changes from
 * pulse_activity_delta (changes.ts): the rows of their source that the
 * refresh replaced and wrote, or the (user, bucket) rows that are new. Their
 * own rows are then merged with the delta, so a refresh reads the few rows a
 * load changed rather than every user's rows of the buckets it touched.
 */

/** The delta rows of one zone of a user_activity mart: the aliased table, and the predicate that picks them. */
export function deltaOf(source: UserActivityMart, zone: Zone, alias: string): { readonly from: RawBuilder<unknown>; readonly where: RawBuilder<unknown> } {
  const a = (column: string) => sql.id(alias, column);
  return {
    from: sql`${sql.table(ACTIVITY_DELTA)} AS ${sql.id(alias)}`,
    where: sql`${a('mart')} = ${source.name}::text AND ${a('tz')} = ${zone.tz}::text AND ${a('week_start')} = ${zone.weekStart}::text`,
  };
}

/** pulse_added (user_id, bucket): the rows of one zone of `source` that the load added (a +1 and no -1), indexed for lookups. */
export function addedPairs(source: UserActivityMart, zone: Zone): MartStatement[] {
  const { from, where } = deltaOf(source, zone, 'd');
  const [create, analyze] = tempTable('pulse_added', sql`SELECT d.user_id, d.bucket FROM ${from} WHERE ${where} GROUP BY d.user_id, d.bucket HAVING sum(d.sign) > 0`);
  return [create as MartStatement, statement(sql`CREATE INDEX ON pulse_added (user_id, bucket)`), analyze as MartStatement];
}

export interface MergeTarget {
  readonly table: string;
  /** The columns that pick this refresh's slice of the table (zone, window), their values, and a predicate on an alias. */
  readonly scope: { readonly columns: string; readonly values: RawBuilder<unknown>; readonly match: (alias: string) => RawBuilder<unknown> };
  /** The bucket (or day) column: the table's rows of the delta's buckets are merged. */
  readonly bucket: string;
  /** The other key columns (cohort, dimension columns). */
  readonly keys: readonly string[];
  /** Summed columns; a merged row is kept when the first is above 0 (as a full build writes none with 0). */
  readonly values: readonly string[];
}

/**
 * Adds `delta` (a SELECT of the bucket, keys and values) to the table's rows:
 * those of the delta's buckets are summed with it by key, deleted and written
 * again. Grouping (not a key lookup) matches null dimension values too.
 */
export function mergeDelta(target: MergeTarget, delta: RawBuilder<unknown>): MartStatement[] {
  const keys = [target.bucket, ...target.keys].map((c) => sql.id(c));
  const keyList = sql.join(keys, sql`, `);
  const values = target.values.map((c) => sql.id(c));
  const table = sql.table(target.table);
  const inDelta = (alias: string) => sql`${target.scope.match(alias)} AND ${sql.id(alias, target.bucket)} IN (SELECT ${sql.id(target.bucket)} FROM pulse_delta)`;
  const first = values[0] ?? sql`1`;
  return [
    ...tempTable('pulse_delta', delta),
    ...tempTable(
      'pulse_merged',
      sql`SELECT ${keyList}, ${sql.join(values.map((v) => sql`sum(${v}) AS ${v}`), sql`, `)}
FROM (
  SELECT ${keyList}, ${sql.join(values, sql`, `)} FROM ${table} AS t WHERE ${inDelta('t')}
  UNION ALL
  SELECT ${keyList}, ${sql.join(values, sql`, `)} FROM pulse_delta
) AS u
GROUP BY ${keyList}`,
    ),
    deletes(sql`DELETE FROM ${table} AS t WHERE ${inDelta('t')}`),
    inserts(sql`INSERT INTO ${table} (${sql.raw(target.scope.columns)}, ${keyList}, ${sql.join(values, sql`, `)})
SELECT ${target.scope.values}, ${keyList}, ${sql.join(values, sql`, `)} FROM pulse_merged WHERE ${first} > 0`),
    statement(sql`DROP TABLE pulse_delta, pulse_merged`),
  ];
}
