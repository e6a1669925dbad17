import { sql, type RawBuilder } from 'kysely';
import type { FilterNode, SemanticModel } from '../catalog/types';
import { dimensionSql } from './dimension-sql';
import { joinsSql, model, modelsFor, tableAs, whereSql, type Scope } from './sources';

export interface SessionSource {
  /** The activity model; must have a sessions config, user key and time column. */
  readonly model: string;
  readonly filters: readonly (FilterNode | null)[];
}

/**
 * CTEs that turn activity rows into sessions (SPEC §3): a user's consecutive
 * rows at most `gap` apart form one session, which starts at its first row.
 * Produces `<name>` with one row per session starting in [range start, range
 * end): user_key, started_at, ended_at, duration (seconds) and, per scope
 * dimension, the value of the session's first row.
 *
 * A session that starts in the range may go on past its end: a recursive CTE
 * follows it row by row (index on user and time) until a gap ends it, so
 * durations are exact without scanning all later data.
 */
export function sessionCtes(scope: Scope, source: SessionSource, name: string): RawBuilder<unknown>[] {
  const m = model(scope.catalog, source.model);
  const dialect = scope.time.dialect;
  const gap = dialect.minutes(m.sessions?.gapMinutes ?? 30);
  const time = sql.id(m.name, m.timeColumn ?? '');
  const user = sql.id(m.name, m.userKey ?? '');
  const rangeStart = scope.time.instant(scope.time.localFrom);
  const rangeEnd = scope.time.instant(scope.time.localTo);
  const dims = scope.dimensions.map((d) => sql.id(d.name));
  const dimSelect = scope.dimensions.map((d) => sql`, ${dimensionSql(d, scope.time)} AS ${sql.id(d.name)}`);
  const dimCols = dims.map((d) => sql`, ${d}`);
  const firstOf = dims.map((d) => sql`, ${dialect.firstBy(d, sql`t`)} AS ${d}`);
  const rows = activityRows(scope, m, source.filters);
  const marked = `${name}_rows`;
  const runs = `${name}_runs`;
  const tail = `${name}_tail`;
  return [
    sql`${sql.id(marked)} AS (
  SELECT v, t${sql.join(dimCols, sql``)}, sum(starts) OVER (PARTITION BY v ORDER BY t ROWS UNBOUNDED PRECEDING) AS island
  FROM (
    SELECT v, t${sql.join(dimCols, sql``)}, CASE WHEN t - lag(t) OVER (PARTITION BY v ORDER BY t) <= ${gap} THEN 0 ELSE 1 END AS starts
    FROM (
      SELECT ${user} AS v, ${time} AS t${sql.join(dimSelect, sql``)}
      ${rows.from}
      ${whereSql(scope, source.filters, [sql`${time} >= ${rangeStart} - ${gap}`, sql`${time} < ${rangeEnd}`])}
    ) AS activity
  ) AS gaps
)`,
    sql`${sql.id(runs)} AS (
  SELECT v, island, min(t) AS started_at, max(t) AS last_at${sql.join(firstOf, sql``)}
  FROM ${sql.id(marked)}
  GROUP BY v, island
)`,
    // Only a user's last run can reach past the range end.
    sql`${sql.id(tail)} AS (
  SELECT v, island, last_at FROM ${sql.id(runs)} WHERE started_at >= ${rangeStart} AND last_at >= ${rangeEnd} - ${gap}
  UNION ALL
  SELECT x.v, x.island, nxt.t FROM ${sql.id(tail)} AS x
  ${dialect.lateralJoin(
    sql`SELECT ${time} AS t
    ${rows.from}
    ${whereSql(scope, source.filters, [sql`${user} = x.v`, sql`${time} > x.last_at`, sql`${time} <= x.last_at + ${gap}`])}
    ORDER BY ${time} LIMIT 1`,
    'nxt',
    false,
  )}
)`,
    sql`${sql.id(name)} AS (
  SELECT r.v AS user_key, r.started_at, greatest(r.last_at, tail.last_at) AS ended_at,
    ${dialect.seconds(sql`greatest(r.last_at, tail.last_at) - r.started_at`)} AS duration${sql.join(
      dims.map((d) => sql`, r.${d}`),
      sql``,
    )}
  FROM ${sql.id(runs)} AS r
  LEFT JOIN (SELECT v, island, max(last_at) AS last_at FROM ${sql.id(tail)} GROUP BY v, island) AS tail ON tail.v = r.v AND tail.island = r.island
  WHERE r.started_at >= ${rangeStart}
)`,
  ];
}

/** FROM the activity model with the joins its dimensions and filters need. */
function activityRows(scope: Scope, m: SemanticModel, filters: readonly (FilterNode | null)[]): { from: RawBuilder<unknown> } {
  const needed = modelsFor(scope.catalog, scope.dimensions, filters);
  return { from: sql`FROM ${tableAs(m)}\n      ${joinsSql(scope.catalog, m.name, needed)}` };
}
