import { sql, type CompiledQuery } from 'kysely';
import type { Catalog, FunnelAnalysis } from '../../catalog/types';
import { TimeSql } from '../buckets';
import { postgres } from '../dialect';
import type { CompileOptions } from '../options';
import { compileStatement } from '../statement';
import { dimensionSql, stringFilterSql } from '../dimension-sql';
import { dimension, joinsSql, model, modelsFor, predicate, tableAs, type Scope } from '../sources';
import type { FunnelQuery } from './query';
import { validateFunnelQuery } from './validate';

export interface CompiledFunnel {
  readonly query: CompiledQuery;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * (Catalog, funnel analysis, request) -> one SQL statement returning, per
 * breakdown group and step, the users who reached at least that step. Pure.
 *
 * The plan, all set-based:
 * 1. funnel_events: one row per (user, instant) of events that match any step
 *    between the range start and the range end plus the window, with a flag per step.
 * 2. funnel_next: per row, the next instant strictly later at which each step
 *    k >= 2 matches (a window over the user's later rows; one row per instant
 *    makes "strictly later" exact for events at the same timestamp).
 * 3. funnel_paths: from every entry (step-1 row inside the range) follow the
 *    earliest chain with one equi-join per step; the chain only moves forward,
 *    so the furthest step reached is the last one at or before entry + window.
 * 4. Each user counts once, at their furthest step over all entries.
 */
export function compileFunnel(catalog: Catalog, analysis: FunnelAnalysis, query: FunnelQuery, options: CompileOptions = {}): CompiledFunnel {
  validateFunnelQuery(catalog, analysis, query);
  const time = new TimeSql({ timeRange: query.timeRange, timezone: query.timezone, grain: null, weekStart: 'MONDAY' }, options.dialect ?? postgres);
  const { dialect } = time;
  const breakdown = query.breakdown === null ? null : dimension(catalog, query.breakdown);
  const scope: Scope = { catalog, time, dimensions: breakdown ? [breakdown] : [] };
  const events = model(catalog, analysis.activityModel);
  const at = sql.id(events.name, events.timeColumn ?? '');
  const rangeStart = time.instant(time.localFrom);
  const rangeEnd = time.instant(time.localTo);
  // windowDays x 24 h, not calendar days: a DST change does not stretch the window.
  const windowLength = dialect.hours(query.windowDays * 24);
  const stepDimension = dimension(catalog, analysis.stepDimension);
  const matches = query.steps.map((step) => {
    const parts = [stringFilterSql(dimensionSql(stepDimension, time), { eq: step.eventType })];
    if (step.where) parts.push(predicate(scope, step.where));
    return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
  });
  const needed = modelsFor(catalog, [stepDimension, ...scope.dimensions], [query.where, ...query.steps.map((s) => s.where)]);
  const filters = [sql`${at} >= ${rangeStart}`, sql`${at} < ${rangeEnd} + ${windowLength}`, sql`(${sql.join(matches, sql` OR `)})`];
  if (query.where) filters.push(predicate(scope, query.where));

  const n = query.steps.length;
  const later = range(2, n);
  const flag = (k: number) => sql.id(`s${k}`);
  const next = (k: number) => sql.id(`next${k}`);
  // The instant step k is reached on the entry's earliest chain: x<k-1> is the row where step k-1 was.
  const reachedAt = (k: number) => (k === 2 ? sql`e.next2` : sql`${sql.id(`x${k - 1}`)}.${next(k)}`);
  const chainJoins = range(2, n - 1).map(
    (k) => sql`LEFT JOIN funnel_next AS ${sql.id(`x${k}`)} ON ${sql.id(`x${k}`)}.v = e.v AND ${sql.id(`x${k}`)}.t = ${reachedAt(k)}`,
  );
  const reached = later.length === 0
    ? sql`1`
    : sql`CASE ${sql.join([...later].reverse().map((k) => sql`WHEN ${reachedAt(k)} <= e.t + ${windowLength} THEN ${k}::int`), sql` `)} ELSE 1 END`;
  const groups = breakdown ? sql`SELECT DISTINCT b FROM funnel_users` : sql`SELECT NULL::text AS b`;

  const statement = sql`WITH funnel_events AS (
  SELECT v, t, ${sql.join(range(1, n).map((k) => sql`bool_or(${flag(k)}) AS ${flag(k)}`))}, ${dialect.filtered(sql`min(b)`, sql`s1`)} AS b
  FROM (
    SELECT ${sql.id(events.name, events.userKey ?? '')} AS v, ${at} AS t, ${sql.join(matches.map((m, i) => sql`${m} AS ${flag(i + 1)}`))},
      ${breakdown ? dimensionSql(breakdown, time) : sql`NULL::text`} AS b
    FROM ${tableAs(events)}
    ${joinsSql(catalog, events.name, needed)}
    WHERE ${sql.join(filters, sql` AND `)}
  ) AS matched
  GROUP BY v, t
),
funnel_next AS (
  SELECT v, t, s1, b${sql.join(later.map((k) => sql`, min(CASE WHEN ${flag(k)} THEN t END) OVER later AS ${next(k)}`), sql``)}
  FROM funnel_events
  WINDOW later AS (PARTITION BY v ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
funnel_paths AS (
  SELECT e.v, e.b, e.t AS entered_at, ${reached} AS reached
  FROM funnel_next AS e
  ${sql.join(chainJoins, sql`\n  `)}
  WHERE e.s1 AND e.t >= ${rangeStart} AND e.t < ${rangeEnd}
),
funnel_users AS (
  SELECT ${dialect.distinctOn([sql`v`])} v, b, reached FROM funnel_paths ORDER BY v, reached DESC, entered_at
),
funnel_counts AS (
  SELECT b, reached, count(*) AS users FROM funnel_users GROUP BY b, reached
)
SELECT g.b AS breakdown, s.step, coalesce(sum(c.users), 0)::int AS users
FROM (${groups}) AS g
CROSS JOIN (SELECT i.i + 1 AS step FROM ${dialect.integers(sql`${n}::int`, 'i')}) AS s
LEFT JOIN funnel_counts AS c ON c.b IS NOT DISTINCT FROM g.b AND c.reached >= s.step
GROUP BY g.b, s.step
ORDER BY g.b ASC NULLS LAST, s.step`;
  const compiled = compileStatement(statement);
  return { query: compiled, sql: compiled.sql, parameters: compiled.parameters };
}

/** [from, from + 1, ..., to]; empty when to < from. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
