import { sql, type RawBuilder } from 'kysely';
import type { Mart, MartGrain } from '../../../catalog/types';
import { assertNever } from '../../../util/errors';
import { rollupColumn } from '../layout';

/** A mart table's columns, key and indexes (marts/layout.ts describes what the columns hold). */
interface Layout {
  readonly columns: RawBuilder<unknown>;
  readonly primaryKey: string | null;
  readonly indexes: ReadonlyArray<{ readonly suffix: string; readonly columns: string }>;
}

function layoutOf(mart: Mart): Layout {
  const totals = sql`events bigint NOT NULL, first_at timestamptz NOT NULL, last_at timestamptz NOT NULL, sessions integer NOT NULL, session_seconds numeric NOT NULL`;
  switch (mart.kind) {
    case 'sessions':
      return {
        columns: sql`user_id text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz NOT NULL, duration numeric NOT NULL, events integer NOT NULL`,
        primaryKey: 'user_id, started_at',
        indexes: [{ suffix: 'started_at', columns: 'started_at' }],
      };
    case 'user_activity': {
      const zone = zoneKey(mart.grain);
      return {
        columns: sql`tz text NOT NULL, ${weekStartColumn(mart.grain)}bucket date NOT NULL, user_id text NOT NULL, ${totals}`,
        primaryKey: `${zone}, user_id, bucket`,
        // Reads by range of buckets: include the user so counting users needs no table access.
        indexes: [{ suffix: 'bucket', columns: `${zone}, bucket, user_id` }],
      };
    }
    case 'user_totals':
      return { columns: sql`user_id text NOT NULL, ${totals}`, primaryKey: 'user_id', indexes: [] };
    case 'lifecycle':
      return {
        columns: sql`tz text NOT NULL, ${weekStartColumn(mart.grain)}bucket date NOT NULL, active bigint NOT NULL, new bigint NOT NULL, retained bigint NOT NULL, resurrected bigint NOT NULL`,
        primaryKey: `${zoneKey(mart.grain)}, bucket`,
        indexes: [],
      };
    case 'retention':
      return {
        columns: sql`tz text NOT NULL, ${weekStartColumn(mart.grain)}cohort date NOT NULL, bucket date NOT NULL, retained bigint NOT NULL`,
        primaryKey: `${zoneKey(mart.grain)}, cohort, bucket`,
        indexes: [{ suffix: 'bucket', columns: `${zoneKey(mart.grain)}, bucket` }],
      };
    case 'trailing':
      return { columns: sql`tz text NOT NULL, window_days integer NOT NULL, day date NOT NULL, users bigint NOT NULL`, primaryKey: 'tz, window_days, day', indexes: [] };
    case 'rollup': {
      const dims = mart.dimensions.map((name) => sql`${sql.id(rollupColumn(name))} text, `);
      return {
        columns: sql`tz text NOT NULL, ${weekStartColumn(mart.grain)}bucket date NOT NULL, ${sql.join(dims, sql``)}users bigint NOT NULL, events bigint NOT NULL, sessions bigint NOT NULL, session_seconds numeric NOT NULL`,
        // Dimension values may be null: no key, an index on the bucket.
        primaryKey: null,
        indexes: [{ suffix: 'bucket', columns: `${zoneKey(mart.grain)}, bucket` }],
      };
    }
    case 'churn': {
      const dims = mart.dimensions.map((name) => sql`${sql.id(rollupColumn(name))} text, `);
      return {
        columns: sql`tz text NOT NULL, ${weekStartColumn(mart.grain)}bucket date NOT NULL, ${sql.join(dims, sql``)}signups bigint NOT NULL, churns bigint NOT NULL, same_bucket bigint NOT NULL`,
        primaryKey: null,
        indexes: [{ suffix: 'bucket', columns: `${zoneKey(mart.grain)}, bucket` }],
      };
    }
    default:
      return assertNever(mart, 'mart kind');
  }
}

/** CREATE TABLE with its key and indexes, for a mart the refresh keeps (idempotent). */
export function createMartSql(mart: Mart): RawBuilder<unknown>[] {
  const { columns } = layoutOf(mart);
  return [sql`CREATE TABLE IF NOT EXISTS ${sql.table(mart.table)} (${columns})`, ...keySql(mart, mart.table, true)];
}

/** A new, empty table for a full rebuild, without key or indexes: bulk rows go in first, indexes are built after (far faster). */
export function createBareSql(mart: Mart, table: string): RawBuilder<unknown>[] {
  return [sql`DROP TABLE IF EXISTS ${sql.table(table)}`, sql`CREATE TABLE ${sql.table(table)} (${layoutOf(mart).columns})`];
}

/** The key and indexes of `table` (a mart's, or the table rebuilding it), named after `table`. */
export function keySql(mart: Mart, table: string, ifMissing = false): RawBuilder<unknown>[] {
  const { primaryKey, indexes } = layoutOf(mart);
  const out: RawBuilder<unknown>[] = [];
  if (primaryKey) {
    // CREATE TABLE IF NOT EXISTS cannot add a key to a table that exists: a unique index of the same name stands in.
    out.push(
      ifMissing
        ? sql`CREATE UNIQUE INDEX IF NOT EXISTS ${sql.id(`${table}_pkey`)} ON ${sql.table(table)} (${sql.raw(primaryKey)})`
        : sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_pkey`)} PRIMARY KEY (${sql.raw(primaryKey)})`,
    );
  }
  for (const index of indexes) {
    out.push(sql`CREATE INDEX ${sql.raw(ifMissing ? 'IF NOT EXISTS ' : '')}${sql.id(`${table}_${index.suffix}_idx`)} ON ${sql.table(table)} (${sql.raw(index.columns)})`);
  }
  return out;
}

/** Replace a mart's table by its rebuilt one: the old one goes, the new one takes its name and its indexes' names. */
export function swapSql(mart: Mart, rebuilt: string): RawBuilder<unknown>[] {
  const { primaryKey, indexes } = layoutOf(mart);
  const live = mart.table;
  return [
    sql`DROP TABLE IF EXISTS ${sql.table(live)}`,
    sql`ALTER TABLE ${sql.table(rebuilt)} RENAME TO ${sql.id(live)}`,
    ...(primaryKey ? [sql`ALTER TABLE ${sql.table(live)} RENAME CONSTRAINT ${sql.id(`${rebuilt}_pkey`)} TO ${sql.id(`${live}_pkey`)}`] : []),
    ...indexes.map((index) => sql`ALTER INDEX ${sql.id(`${rebuilt}_${index.suffix}_idx`)} RENAME TO ${sql.id(`${live}_${index.suffix}_idx`)}`),
  ];
}

function zoneKey(grain: MartGrain): string {
  return grain === 'week' ? 'tz, week_start' : 'tz';
}

function weekStartColumn(grain: MartGrain): RawBuilder<unknown> {
  return grain === 'week' ? sql`week_start text NOT NULL, ` : sql``;
}
