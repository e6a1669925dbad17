import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Catalog, ConversionAnalysis } from '../../catalog/types';
import { TimeSql } from '../buckets';
import { postgres } from '../dialect';
import type { CompileOptions } from '../options';
import { compileStatement } from '../statement';
import { dimensionSql, stringFilterSql } from '../dimension-sql';
import { dimension, joinsSql, model, modelsFor, predicate, tableAs, type Scope } from '../sources';
import type { ConversionQuery } from './query';
import { validateConversionQuery } from './validate';

export interface CompiledConversion {
  readonly query: CompiledQuery;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * (Catalog, conversion analysis, request) -> one SQL statement with a row per
 * signup cohort: cohort (start instant), size, converted, median_days,
 * median_sessions. Pure.
 *
 * members: users whose signup falls in a cohort bucket; goals: each member's
 * first goal event at or after signup (within the window, up to asOf);
 * sessions_before: how many of the user's sessions (SPEC §3: a gap longer than
 * the model's gap starts one) started strictly before that first goal event,
 * counted set-based with lag() over the user's events from signup to the goal.
 */
export function compileConversion(catalog: Catalog, analysis: ConversionAnalysis, query: ConversionQuery, options: CompileOptions = {}): CompiledConversion {
  validateConversionQuery(catalog, analysis, query);
  const time = new TimeSql(query, options.dialect ?? postgres);
  const { dialect } = time;
  const scope: Scope = { catalog, time, dimensions: [] };
  const users = model(catalog, analysis.usersModel);
  const events = model(catalog, analysis.activityModel);
  const userId = sql.id(users.name, users.primaryKey);
  const signupAt = sql.id(users.name, users.timeColumn ?? '');
  const eventUser = sql.id(events.name, events.userKey ?? '');
  const eventAt = sql.id(events.name, events.timeColumn ?? '');
  const asOf = query.asOf === null ? null : dialect.timestamp(query.asOf);
  const gap = dialect.minutes(events.sessions?.gapMinutes ?? 30);
  const goalDimension = dimension(catalog, analysis.goalDimension);

  const memberFilters: RawBuilder<unknown>[] = [];
  if (asOf) memberFilters.push(sql`${signupAt} <= ${asOf}`);
  if (query.where) memberFilters.push(predicate(scope, query.where));
  const goalFilters = [sql`${eventAt} >= m.signed_up_at`, stringFilterSql(dimensionSql(goalDimension, time), { eq: query.goalEventType })];
  // windowDays x 24 h after signup, end inclusive, like the funnel's window.
  if (query.windowDays !== null) goalFilters.push(sql`${eventAt} <= m.signed_up_at + ${dialect.hours(query.windowDays * 24)}`);
  if (asOf) goalFilters.push(sql`${eventAt} <= ${asOf}`);

  const statement = sql`WITH cohorts AS (
  ${cohortsQuery(time, query, asOf)}
),
members AS (
  SELECT c.cohort_start, ${userId} AS v, ${signupAt} AS signed_up_at
  FROM cohorts AS c
  JOIN ${tableAs(users)} ON ${signupAt} >= c.cohort_start AND ${signupAt} < c.cohort_end
  ${joinsSql(catalog, users.name, modelsFor(catalog, [], [query.where]))}
  ${memberFilters.length > 0 ? sql`WHERE ${sql.join(memberFilters, sql` AND `)}` : sql``}
),
goals AS (
  SELECT m.v, m.signed_up_at, min(${eventAt}) AS goal_at
  FROM members AS m
  JOIN ${tableAs(events)} ON ${eventUser} = m.v
  ${joinsSql(catalog, events.name, goalDimension.models)}
  WHERE ${sql.join(goalFilters, sql` AND `)}
  GROUP BY m.v, m.signed_up_at
),
sessions_before AS (
  SELECT v, ${dialect.filtered(sql`count(*)`, sql`since_previous IS NULL OR since_previous > ${gap}`)} AS sessions
  FROM (
    SELECT g.v, ${eventAt} - lag(${eventAt}) OVER (PARTITION BY g.v ORDER BY ${eventAt}) AS since_previous
    FROM goals AS g
    JOIN ${tableAs(events)} ON ${eventUser} = g.v AND ${eventAt} >= g.signed_up_at AND ${eventAt} < g.goal_at
  ) AS activity
  GROUP BY v
)
SELECT c.cohort_start AS cohort, count(m.v)::int AS size, count(g.v)::int AS converted,
  ${dialect.percentile(0.5, sql`extract(epoch FROM g.goal_at - g.signed_up_at)::float8 / 86400`)} AS median_days,
  ${dialect.filtered(dialect.percentile(0.5, sql`coalesce(s.sessions, 0)`), sql`g.v IS NOT NULL`)} AS median_sessions
FROM cohorts AS c
LEFT JOIN members AS m ON m.cohort_start = c.cohort_start
LEFT JOIN goals AS g ON g.v = m.v
LEFT JOIN sessions_before AS s ON s.v = g.v
GROUP BY c.cohort_start
ORDER BY c.cohort_start`;
  const compiled = compileStatement(statement);
  return { query: compiled, sql: compiled.sql, parameters: compiled.parameters };
}

/**
 * Whole (unclipped) buckets of the grain that start inside the range, like
 * retention's cohorts (SPEC §5); with asOf, buckets starting after it are omitted.
 */
function cohortsQuery(time: TimeSql, query: ConversionQuery, asOf: RawBuilder<unknown> | null): RawBuilder<unknown> {
  return sql`SELECT c.period AS cohort_start, c.bucket_end AS cohort_end
  FROM (${time.calendar('inside', query.grain ?? 'WEEK')}) AS c${asOf ? sql`
  WHERE c.period <= ${asOf}` : sql``}`;
}
