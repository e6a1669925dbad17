import { sql, type RawBuilder } from 'kysely';
import type { Dimension, FilterNode, SemanticModel } from '../../catalog/types';
import { dimensionSql } from '../dimension-sql';
import { joinsSql, modelsFor, tableAs, whereSql, type Scope } from '../sources';
import { userActivitySql, type UserActivityStep } from '../user-activity';
import type { CohortBy } from './query';

/** What the CTEs of a retention statement share. */
export interface CohortContext {
  readonly scope: Scope;
  readonly users: SemanticModel;
  readonly asOf: RawBuilder<Date>;
  /** Whole buckets from the first cohort (0) to the bucket holding an instant: negative before. */
  readonly ordinal: (instant: RawBuilder<unknown>) => RawBuilder<number>;
  /** The first cohort's start, as an instant. */
  readonly start: RawBuilder<Date>;
  readonly cohortFilter: FilterNode | null;
  /** Members' activity: up to asOf, before the last cohort's last offset ends, narrowed by the activity terms of `where`. */
  readonly activity: UserActivityStep;
  readonly breakdown: Dimension | null;
}

/**
 * One row per active user: the ordinals of their active buckets (each once)
 * and the first of them (the user-activity step, from events or a mart).
 *
 * One row per user (not per user and bucket) keeps the planner's estimate of
 * the join with cohort members close to the truth: with a join on ranges of
 * buckets it guessed millions of rows and PostgreSQL spent seconds on JIT.
 */
export function activitySql(ctx: CohortContext, cohortBy: CohortBy): RawBuilder<unknown> {
  // Signup cohorts only look from the first cohort on; first-activity cohorts need the whole history.
  const step = cohortBy === 'SIGNUP' ? ctx.activity : { ...ctx.activity, from: null };
  return sql`SELECT d.user_id, ${ctx.scope.time.dialect.collect(sql`d.ordinal`)} AS ordinals, min(d.ordinal) AS first_ordinal
  FROM (
    ${userActivitySql(ctx.scope, step)}
  ) AS d
  GROUP BY d.user_id`;
}

/**
 * One row per user who may join a cohort: user_id, the ordinal of their
 * signup (or first active) bucket and the breakdown value. Users who signed
 * up after asOf do not exist yet; cohort filters apply to the users model and its joins.
 */
export function membersSql(ctx: CohortContext, cohortBy: CohortBy): RawBuilder<unknown> {
  const { scope, users } = ctx;
  const key = sql.id(users.name, users.primaryKey);
  const breakdown = ctx.breakdown ? dimensionSql(ctx.breakdown, scope.time) : sql`NULL::text`;
  const joins = joinsSql(scope.catalog, users.name, modelsFor(scope.catalog, ctx.breakdown ? [ctx.breakdown] : [], [ctx.cohortFilter]));
  if (cohortBy === 'SIGNUP') {
    const signup = sql.id(users.name, users.timeColumn ?? '');
    return sql`SELECT ${key} AS user_id, ${ctx.ordinal(signup)} AS ordinal, ${breakdown} AS breakdown
  FROM ${tableAs(users)}
  ${joins}
  ${whereSql(scope, [ctx.cohortFilter], [sql`${signup} <= ${ctx.asOf}`, sql`${signup} >= ${ctx.start}`])}`;
  }
  return sql`SELECT ${key} AS user_id, a.first_ordinal AS ordinal, ${breakdown} AS breakdown
  FROM activity AS a
  JOIN ${tableAs(users)} ON ${key} = a.user_id
  ${joins}
  ${whereSql(scope, [ctx.cohortFilter])}`;
}
