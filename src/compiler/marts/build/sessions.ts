import { sql, type RawBuilder } from 'kysely';
import type { Catalog, SessionsMart } from '../../../catalog/types';
import { postgres } from '../../dialect';
import { model } from '../../sources';
import { CHANGED_EVENTS, SESSION_CHANGES } from './changes';
import { deletes, inserts, statement, tempTable, type MartStatement } from './statement';

/**
 * The sessions of the model (SPEC §3): a user's consecutive rows at most the
 * gap apart, with exact durations. `since` limits it to each listed user's
 * rows from an instant on (the incremental refresh).
 */
function sessionsOf(catalog: Catalog, mart: SessionsMart, since: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const m = model(catalog, mart.model);
  const user = sql.id('e', m.userKey ?? '');
  const at = sql.id('e', m.timeColumn ?? '');
  const gap = postgres.minutes(mart.gapMinutes);
  // Per listed user, an index range read of their rows: a hash join would scan every row of the table.
  const from = since
    ? sql`FROM ${since} AS r
      ${postgres.lateralJoin(sql`SELECT ${sql.id('x', m.userKey ?? '')}, ${sql.id('x', m.timeColumn ?? '')} FROM ${sql.table(m.table)} AS x WHERE ${sql.id('x', m.userKey ?? '')} = r.user_id AND ${sql.id('x', m.timeColumn ?? '')} >= r.since`, 'e', false)}`
    : sql`FROM ${sql.table(m.table)} AS e`;
  return sql`SELECT v, min(t) AS started_at, max(t) AS ended_at, ${postgres.seconds(sql`max(t) - min(t)`)} AS duration, count(*) AS events
  FROM (
    SELECT v, t, sum(starts) OVER (PARTITION BY v ORDER BY t ROWS UNBOUNDED PRECEDING) AS island
    FROM (
      SELECT ${user} AS v, ${at} AS t, CASE WHEN ${at} - lag(${at}) OVER (PARTITION BY ${user} ORDER BY ${at}) <= ${gap} THEN 0 ELSE 1 END AS starts
      ${from}
    ) AS gaps
  ) AS runs
  GROUP BY v, island`;
}

const INSERT = (mart: SessionsMart) => sql`INSERT INTO ${sql.table(mart.table)} (user_id, started_at, ended_at, duration, events)`;

export function fullSessionsSql(catalog: Catalog, mart: SessionsMart): MartStatement[] {
  return [inserts(sql`${INSERT(mart)}\n${sessionsOf(catalog, mart, null)}`)];
}

/**
 * New rows can only change a user's sessions from the first one that ends
 * within a gap of the user's earliest new row: delete those and sessionise
 * the user's rows again from where the first of them starts (or from the
 * earliest new row). Earlier sessions end more than a gap before any new row,
 * so no new row can join them. Removed and added sessions are recorded in
 * pulse_session_changes: their start buckets change in user_activity marts.
 */
export function changedSessionsSql(catalog: Catalog, mart: SessionsMart): MartStatement[] {
  const table = sql.table(mart.table);
  const gap = postgres.minutes(mart.gapMinutes);
  const resession = sql.table('pulse_resession');
  // The earliest re-sessioned instant lets PostgreSQL read recent sessions by index instead of hashing them all.
  const fromEarliest = sql`s.started_at >= (SELECT min(since) FROM ${resession})`;
  return [
    ...tempTable(
      'pulse_resession',
      sql`SELECT c.user_id, least(c.t0, min(s.started_at)) AS since
  FROM (SELECT user_id, min(min_at) AS t0 FROM ${sql.table(CHANGED_EVENTS)} GROUP BY 1) AS c
  LEFT JOIN ${table} AS s ON s.user_id = c.user_id AND s.ended_at >= c.t0 - ${gap}
  GROUP BY c.user_id, c.t0`,
    ),
    statement(sql`INSERT INTO ${sql.table(SESSION_CHANGES)} (user_id, started_at)
  SELECT s.user_id, s.started_at FROM ${table} AS s JOIN ${resession} AS r ON r.user_id = s.user_id AND s.started_at >= r.since AND ${fromEarliest}`),
    deletes(sql`DELETE FROM ${table} AS s USING ${resession} AS r WHERE r.user_id = s.user_id AND s.started_at >= r.since AND ${fromEarliest}`),
    inserts(sql`${INSERT(mart)}\n${sessionsOf(catalog, mart, resession)}`),
    statement(sql`INSERT INTO ${sql.table(SESSION_CHANGES)} (user_id, started_at)
  SELECT s.user_id, s.started_at FROM ${table} AS s JOIN ${resession} AS r ON r.user_id = s.user_id AND s.started_at >= r.since AND ${fromEarliest}`),
    // Read by every user_activity mart's refresh after this one.
    statement(sql`ANALYZE ${sql.table(SESSION_CHANGES)}`),
    statement(sql`DROP TABLE pulse_resession`),
  ];
}
