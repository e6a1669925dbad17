import { sql, type RawBuilder } from 'kysely';
import type { ChurnMart, FilterNode, InactiveUsersMetric, Mart, RollupMart, SessionsMart, UserActivityMart } from '../../catalog/types';
import { assertNever } from '../../util/errors';
import { dimensionSql, filterSql } from '../dimension-sql';
import { martTable, rollupColumn, sameGrain, zoneOf } from '../marts/layout';
import { userJoinsSql } from '../marts/user-joins';
import { groupBy, groupColumns, joinsSql, model, modelsFor, whereSql, type Scope } from '../sources';
import { addDays } from '../time-range';
import type { MetricStep } from './plan';
import { islandsSql, type MetricCte } from './raw-steps';

/**
 * A step read from a mart the matcher chose (match.ts): the same rows of
 * (period, dimensions..., metric columns) as the raw step, from far fewer
 * rows. Dimensions and filters here are one value per user, read through a
 * join of the mart's user to the users model.
 */
export function martStepCte(scope: Scope, step: MetricStep, mart: Mart): MetricCte {
  if (mart.kind === 'rollup') return rollupStepCte(scope, step, mart);
  if (mart.kind === 'trailing' && step.kind === 'trailing_distinct') {
    // The users active in the N days ending at a bucket's (clipped) end: the value of its last day.
    const { metric } = step;
    const body = sql`SELECT b.period, t.users AS ${sql.id(metric.name)}
  FROM buckets AS b
  JOIN ${martTable(mart, 't')} ON t.tz = ${scope.time.spec.timezone}::text AND t.window_days = ${metric.windowDays}::int AND t.day = b.end_day - 1`;
    return { name: `m_${metric.name}`, body, metrics: [metric.name] };
  }
  switch (step.kind) {
    case 'aggregate':
      return aggregateFromActivity(scope, step, activityMart(mart));
    case 'daily_mean':
      return dailyMeanFromDays(scope, step.metric.name, step.where, activityMart(mart));
    case 'trailing_distinct':
      return { name: `m_${step.metric.name}`, body: islandsSql(scope, step.metric.windowDays, step.metric.name, activeDaysFromMart(scope, step.metric.windowDays, step.where, activityMart(mart))), metrics: [step.metric.name] };
    case 'inactive_users':
      return inactiveFromDays(scope, step.metric, step.where, activityMart(mart));
    case 'sessions':
      return mart.kind === 'sessions' ? sessionsFromSessions(scope, step, mart) : sessionsFromActivity(scope, step, activityMart(mart));
    case 'churn_rate':
      if (mart.kind !== 'churn') throw new Error(`churn_rate is read from a churn mart, not ${mart.name}`);
      return churnRateFromMart(scope, step.metric.name, step.where, mart);
    default:
      return assertNever(step, 'metric step');
  }
}

function activityMart(mart: Mart): UserActivityMart {
  if (mart.kind !== 'user_activity') throw new Error(`mart ${mart.name} is not a user_activity mart`);
  return mart;
}

/** FROM the buckets joined to the mart rows inside each (clipped) bucket, with the user joins and filters. */
function bucketedMart(scope: Scope, mart: UserActivityMart, where: MetricStep['where']): RawBuilder<unknown> {
  const { spec } = scope.time;
  return sql`FROM buckets AS b
  JOIN ${martTable(mart, 'a')} ON ${zoneOf(mart, 'a', spec.timezone, spec.weekStart)} AND a.bucket >= b.first_day AND a.bucket < b.end_day
  ${userJoinsSql(scope.catalog, mart, 'a', scope.dimensions, [where])}
  ${whereSql(scope, [where])}`;
}

function aggregateFromActivity(scope: Scope, step: Extract<MetricStep, { kind: 'aggregate' }>, mart: UserActivityMart): MetricCte {
  const columns = groupColumns(scope);
  // One row per user and mart bucket: when that is the query's bucket, counting rows counts users.
  const users = sameGrain(mart, scope.time.spec.grain) ? sql`count(*)` : sql`count(DISTINCT a.user_id)`;
  const values = step.metrics.map((m) => sql`${m.kind === 'count' ? sql`sum(a.events)` : users} AS ${sql.id(m.name)}`);
  const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  ${bucketedMart(scope, mart, step.where)}
  ${groupBy(columns.length)}`;
  return { name: `m_${step.model}_${mart.name}`, body, metrics: step.metrics.map((m) => m.name) };
}

/** dau: per bucket, the mean over its days of the users active each day (a user is one row per day). */
function dailyMeanFromDays(scope: Scope, name: string, where: MetricStep['where'], mart: UserActivityMart): MetricCte {
  const columns = groupColumns(scope);
  const outer = ['period', ...scope.dimensions.map((d) => d.name)].map((c) => sql`d.${sql.id(c)}`);
  const body = sql`SELECT ${sql.join(outer, sql`, `)}, sum(d.n)::float8 / max(d.day_count) AS ${sql.id(name)}
  FROM (
    SELECT ${sql.join(columns, sql`, `)}, b.day_count, a.bucket AS day, count(*) AS n
    ${bucketedMart(scope, mart, where)}
    ${groupBy(columns.length + 2)}
  ) AS d
  ${groupBy(outer.length)}`;
  return { name: `m_${name}`, body, metrics: [name] };
}

/** The (user, local day, dimensions) rows of [from - N days, to]: the user-activity step of trailing windows. */
function activeDaysFromMart(scope: Scope, days: number, where: MetricStep['where'], mart: UserActivityMart): RawBuilder<unknown> {
  const { spec, dialect } = scope.time;
  const dims = scope.dimensions.map((d) => sql`, ${dimensionSql(d, scope.time)} AS ${sql.id(d.name)}`);
  const range = [
    zoneOf(mart, 'a', spec.timezone, spec.weekStart),
    sql`a.bucket >= ${dialect.dateValue(addDays(spec.timeRange.from, -days))}`,
    sql`a.bucket <= ${dialect.dateValue(spec.timeRange.to)}`,
  ];
  return sql`SELECT a.user_id AS v, a.bucket AS day${sql.join(dims, sql``)}
          FROM ${martTable(mart, 'a')}
          ${userJoinsSql(scope.catalog, mart, 'a', scope.dimensions, [where])}
          ${whereSql(scope, [where], range)}`;
}

/** inactive_users with "no event in the N days ending at the bucket end" read as "no mart row on those days". */
function inactiveFromDays(scope: Scope, metric: InactiveUsersMetric, where: MetricStep['where'], mart: UserActivityMart): MetricCte {
  const users = model(scope.catalog, metric.model);
  const { spec, dialect } = scope.time;
  const windowStart = scope.time.windowStart(sql`b.local_end`, metric.windowDays);
  const columns = groupColumns(scope);
  const inactive = dialect.filtered(
    sql`count(*)`,
    sql`NOT EXISTS (
      SELECT 1 FROM ${martTable(mart, 'a')}
      WHERE ${zoneOf(mart, 'a', spec.timezone, spec.weekStart)} AND a.user_id = ${sql.id(users.name, users.primaryKey)}
        AND a.bucket >= (b.local_end - ${dialect.days(metric.windowDays)})::date AND a.bucket < b.local_end::date
    )`,
  );
  const body = sql`SELECT ${sql.join(columns, sql`, `)},
    ${inactive} AS ${sql.id(metric.name)}
  FROM buckets AS b
  JOIN ${sql.table(users.table)} AS ${sql.id(users.name)} ON ${sql.id(users.name, users.timeColumn ?? '')} <= ${windowStart}
  ${joinsSql(scope.catalog, users.name, without(modelsFor(scope.catalog, scope.dimensions, [where]), users.name))}
  ${whereSql(scope, [where])}
  ${groupBy(columns.length)}`;
  return { name: `m_${metric.name}`, body, metrics: [metric.name] };
}

function without(models: Set<string>, name: string): Set<string> {
  models.delete(name);
  return models;
}

/** Session metrics from the sessions mart: sessions that start in each bucket, any grain and zone. */
function sessionsFromSessions(scope: Scope, step: Extract<MetricStep, { kind: 'sessions' }>, mart: SessionsMart): MetricCte {
  const columns = groupColumns(scope);
  const values = step.metrics.map((m) => (m.kind === 'session_count' ? sql`count(*) AS ${sql.id(m.name)}` : sql`avg(s.duration) AS ${sql.id(m.name)}`));
  const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  FROM buckets AS b
  JOIN ${martTable(mart, 's')} ON s.started_at >= b.bucket_start AND s.started_at < b.bucket_end
  ${userJoinsSql(scope.catalog, mart, 's', scope.dimensions, [step.where])}
  ${whereSql(scope, [step.where])}
  ${groupBy(columns.length)}`;
  return { name: `m_${step.metrics.map((m) => m.name).join('_')}`, body, metrics: step.metrics.map((m) => m.name) };
}

/** Session metrics from a user_activity mart's session columns; groups where no session started are left out, as raw does. */
function sessionsFromActivity(scope: Scope, step: Extract<MetricStep, { kind: 'sessions' }>, mart: UserActivityMart): MetricCte {
  const columns = groupColumns(scope);
  // sum/count of exact seconds is the same numeric division avg() does.
  const values = step.metrics.map((m) =>
    m.kind === 'session_count' ? sql`sum(a.sessions) AS ${sql.id(m.name)}` : sql`sum(a.session_seconds) / NULLIF(sum(a.sessions), 0) AS ${sql.id(m.name)}`,
  );
  const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  ${bucketedMart(scope, mart, step.where)}
  ${groupBy(columns.length)}
  HAVING sum(a.sessions) > 0`;
  return { name: `m_${step.metrics.map((m) => m.name).join('_')}`, body, metrics: step.metrics.map((m) => m.name) };
}

/**
 * A step from a rollup: its rows are per bucket and dimension values, with
 * distinct users already counted. Groups the query does not select are
 * summed away, which is exact for users because each user is in one group.
 */
function rollupStepCte(scope: Scope, step: MetricStep, mart: RollupMart): MetricCte {
  const columns = [sql`b.period`, ...scope.dimensions.map((d) => sql`r.${sql.id(rollupColumn(d.name))} AS ${sql.id(d.name)}`)];
  const where = step.kind === 'inactive_users' || step.kind === 'churn_rate' ? null : step.where;
  const filter = where ? sql`\n  WHERE ${filterSql(where, (name) => sql.id('r', rollupColumn(name)))}` : sql``;
  const { spec } = scope.time;
  const from = sql`FROM buckets AS b
  JOIN ${martTable(mart, 'r')} ON ${zoneOf(mart, 'r', spec.timezone, spec.weekStart)} AND r.bucket >= b.first_day AND r.bucket < b.end_day${filter}`;
  switch (step.kind) {
    case 'aggregate': {
      const values = step.metrics.map((m) => sql`${m.kind === 'count' ? sql`sum(r.events)` : sql`sum(r.users)`} AS ${sql.id(m.name)}`);
      const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  ${from}
  ${groupBy(columns.length)}`;
      return { name: `m_${step.model}_${mart.name}`, body, metrics: step.metrics.map((m) => m.name) };
    }
    case 'daily_mean': {
      const name = step.metric.name;
      const outer = ['period', ...scope.dimensions.map((d) => d.name)].map((c) => sql`d.${sql.id(c)}`);
      const body = sql`SELECT ${sql.join(outer, sql`, `)}, sum(d.n)::float8 / max(d.day_count) AS ${sql.id(name)}
  FROM (
    SELECT ${sql.join(columns, sql`, `)}, b.day_count, r.bucket AS day, sum(r.users) AS n
    ${from}
    ${groupBy(columns.length + 2)}
  ) AS d
  ${groupBy(outer.length)}`;
      return { name: `m_${name}`, body, metrics: [name] };
    }
    case 'sessions': {
      const values = step.metrics.map((m) =>
        m.kind === 'session_count' ? sql`sum(r.sessions) AS ${sql.id(m.name)}` : sql`sum(r.session_seconds) / NULLIF(sum(r.sessions), 0) AS ${sql.id(m.name)}`,
      );
      const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  ${from}
  ${groupBy(columns.length)}
  HAVING sum(r.sessions) > 0`;
      return { name: `m_${step.metrics.map((m) => m.name).join('_')}`, body, metrics: step.metrics.map((m) => m.name) };
    }
    default:
      throw new Error(`a ${step.kind} step is never read from a rollup`);
  }
}

/**
 * churn_rate per (bucket, group) from a churn mart (build/churn.ts): at risk
 * in B = the running sum of signups - churns over the buckets before B, and
 * churned in B = churns - same_bucket of B. Every query bucket gets a row per
 * group (a bucket with no signup and no churn of a group still has its users
 * at risk), placed after the group's mart row of the same bucket, so one
 * ordered pass gives both; groups with nobody at risk are no rows, as raw.
 */
function churnRateFromMart(scope: Scope, name: string, where: FilterNode | null, mart: ChurnMart): MetricCte {
  const { spec } = scope.time;
  const dims = scope.dimensions.map((d) => sql.id(d.name));
  const dimColumns = scope.dimensions.map((d) => sql`r.${sql.id(rollupColumn(d.name))} AS ${sql.id(d.name)}`);
  const picked = dimColumns.map((c) => sql`, ${c}`);
  const list = (prefix: string) => sql.join(dims.map((d) => sql`, ${sql.raw(prefix)}${d}`), sql``);
  const filter = where ? sql` AND ${filterSql(where, (dim) => sql.id('r', rollupColumn(dim)))}` : sql``;
  const rows = sql`FROM ${martTable(mart, 'r')} WHERE ${zoneOf(mart, 'r', spec.timezone, spec.weekStart)} AND r.bucket < (SELECT max(end_day) FROM buckets)${filter}`;
  const partition = dims.length > 0 ? sql`PARTITION BY ${sql.join(dims, sql`, `)} ` : sql``;
  const window = sql`(${partition}ORDER BY u.bucket, u.is_bucket)`;
  const same = sql`lag(u.bucket) OVER ${window} = u.bucket`;
  const body = sql`SELECT c.period${list('c.')}, c.churned::float8 / c.at_risk::float8 AS ${sql.id(name)}
  FROM (
    SELECT u.period${list('u.')}, u.is_bucket,
      sum(u.delta) OVER ${window} - CASE WHEN ${same} THEN lag(u.delta) OVER ${window} ELSE 0 END AS at_risk,
      CASE WHEN ${same} THEN lag(u.churned) OVER ${window} ELSE 0 END AS churned
    FROM (
      SELECT NULL::timestamptz AS period, r.bucket${sql.join(picked, sql``)}, sum(r.signups - r.churns) AS delta, sum(r.churns - r.same_bucket) AS churned, 0 AS is_bucket
      ${rows}
      ${groupBy(2 + dims.length)}
      UNION ALL
      SELECT b.period, b.first_day${list('g.')}, 0, 0, 1
      FROM buckets AS b CROSS JOIN (SELECT DISTINCT ${dimColumns.length > 0 ? sql.join(dimColumns, sql`, `) : sql`1 AS one`} ${rows}) AS g
    ) AS u
  ) AS c
  WHERE c.is_bucket = 1 AND c.at_risk > 0`;
  return { name: `m_${name}`, body, metrics: [name] };
}
