import { sql, type RawBuilder } from 'kysely';
import type { Mart, MartGrain } from '../../../catalog/types';
import { assertNever } from '../../../util/errors';
import { rollupColumn } from '../layout';

/** CREATE TABLE and its indexes for a mart (marts/layout.ts describes the columns). Idempotent. */
export function createMartSql(mart: Mart): RawBuilder<unknown>[] {
  const table = sql.table(mart.table);
  const index = (suffix: string, columns: string) => sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${mart.table}_${suffix}_idx`)} ON ${table} (${sql.raw(columns)})`;
  const totals = sql`events bigint NOT NULL, first_at timestamptz NOT NULL, last_at timestamptz NOT NULL, sessions integer NOT NULL, session_seconds numeric NOT NULL`;
  switch (mart.kind) {
    case 'sessions':
      return [
        sql`CREATE TABLE IF NOT EXISTS ${table} (user_id text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz NOT NULL,
  duration numeric NOT NULL, events integer NOT NULL, PRIMARY KEY (user_id, started_at))`,
        index('started_at', 'started_at'),
      ];
    case 'user_activity': {
      const zone = mart.grain === 'week' ? 'tz, week_start' : 'tz';
      const weekStart = mart.grain === 'week' ? sql`week_start text NOT NULL, ` : sql``;
      return [
        sql`CREATE TABLE IF NOT EXISTS ${table} (tz text NOT NULL, ${weekStart}bucket date NOT NULL, user_id text NOT NULL,
  ${totals}, PRIMARY KEY (${sql.raw(zone)}, user_id, bucket))`,
        // Reads by range of buckets: include the user so counting users needs no table access.
        index('bucket', `${zone}, bucket, user_id`),
      ];
    }
    case 'user_totals':
      return [sql`CREATE TABLE IF NOT EXISTS ${table} (user_id text NOT NULL PRIMARY KEY, ${totals})`];
    case 'lifecycle':
      return [
        sql`CREATE TABLE IF NOT EXISTS ${table} (tz text NOT NULL, ${weekStartColumn(mart.grain)}bucket date NOT NULL, active bigint NOT NULL, new bigint NOT NULL,
  retained bigint NOT NULL, resurrected bigint NOT NULL, PRIMARY KEY (${sql.raw(zoneKey(mart.grain))}, bucket))`,
      ];
    case 'retention':
      return [
        sql`CREATE TABLE IF NOT EXISTS ${table} (tz text NOT NULL, ${weekStartColumn(mart.grain)}cohort date NOT NULL, bucket date NOT NULL, retained bigint NOT NULL,
  PRIMARY KEY (${sql.raw(zoneKey(mart.grain))}, cohort, bucket))`,
        index('bucket', `${zoneKey(mart.grain)}, bucket`),
      ];
    case 'trailing':
      return [sql`CREATE TABLE IF NOT EXISTS ${table} (tz text NOT NULL, window_days integer NOT NULL, day date NOT NULL, users bigint NOT NULL, PRIMARY KEY (tz, window_days, day))`];
    case 'rollup': {
      const zone = mart.grain === 'week' ? 'tz, week_start' : 'tz';
      const weekStart = mart.grain === 'week' ? sql`week_start text NOT NULL, ` : sql``;
      const dims = mart.dimensions.map((name) => sql`${sql.id(rollupColumn(name))} text, `);
      return [
        sql`CREATE TABLE IF NOT EXISTS ${table} (tz text NOT NULL, ${weekStart}bucket date NOT NULL, ${sql.join(dims, sql``)}users bigint NOT NULL,
  events bigint NOT NULL, sessions bigint NOT NULL, session_seconds numeric NOT NULL)`,
        index('bucket', `${zone}, bucket`),
      ];
    }
    default:
      return assertNever(mart, 'mart kind');
  }
}

function zoneKey(grain: MartGrain): string {
  return grain === 'week' ? 'tz, week_start' : 'tz';
}

function weekStartColumn(grain: MartGrain): RawBuilder<unknown> {
  return grain === 'week' ? sql`week_start text NOT NULL, ` : sql``;
}
