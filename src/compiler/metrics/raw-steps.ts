import { sql, type RawBuilder } from 'kysely';
import type {
  SessionMetric,
  AggregateMetric,
  ChurnRateMetric,
  DailyMeanMetric,
  FilterNode,
  InactiveUsersMetric,
  TrailingDistinctMetric,
} from '../../catalog/types';
import { assertNever } from '../../util/errors';
import { dimensionSql } from '../dimension-sql';
import { sessionCtes } from '../sessions';
import { groupBy, groupColumns, joinsSql, model, modelsFor, predicate, tableAs, whereSql, type Scope } from '../sources';

/** One CTE of the metrics query: rows of (period, dimensions..., metric columns...). */
export interface MetricCte {
  readonly name: string;
  readonly body: RawBuilder<unknown>;
  readonly metrics: readonly string[];
  /** CTEs this one reads, emitted before it (complete `name AS (...)` entries). */
  readonly prelude?: readonly RawBuilder<unknown>[];
  /** The prelude holds a recursive CTE, so the statement needs WITH RECURSIVE. */
  readonly recursive?: boolean;
}

/**
 * FROM and WHERE for the rows of `model` in the range, each with its bucket:
 * `joins` lists the filters whose models must be joined, `where` those that
 * apply. Buckets of a day or more are found by equality on the bucket that
 * holds each row's local time (one scan of the range and a hash join with
 * the few buckets); a join on each bucket's range would scan the rows once
 * per bucket, in random order. Hours step in absolute time, so they are
 * matched by range.
 */
function bucketedRows(scope: Scope, modelName: string, joins: readonly (FilterNode | null)[], where: readonly (FilterNode | null)[]): RawBuilder<unknown> {
  const m = model(scope.catalog, modelName);
  const time = sql.id(m.name, m.timeColumn ?? '');
  const needed = modelsFor(scope.catalog, scope.dimensions, joins);
  const { grain } = scope.time.spec;
  const local = scope.time.local(time);
  const bucket =
    grain === 'HOUR'
      ? sql`${time} >= b.bucket_start AND ${time} < b.bucket_end`
      : grain === null
        ? sql`TRUE`
        : grain === 'DAY'
          ? sql`b.first_day = (${local})::date`
          : sql`b.local_start = ${scope.time.bucketStart(grain, local)}`;
  const range = [sql`${time} >= ${scope.time.instant(scope.time.localFrom)}`, sql`${time} < ${scope.time.instant(scope.time.localTo)}`];
  return sql`FROM ${tableAs(m)}
  JOIN buckets AS b ON ${bucket}
  ${joinsSql(scope.catalog, m.name, needed)}
  ${whereSql(scope, where, range)}`;
}

function aggregateSql(scope: Scope, metric: AggregateMetric): RawBuilder<unknown> {
  const aggregate = plainAggregate(scope, metric);
  return metric.filter ? scope.time.dialect.filtered(aggregate, predicate(scope, metric.filter)) : aggregate;
}

function plainAggregate(scope: Scope, metric: AggregateMetric): RawBuilder<unknown> {
  const column = sql.id(metric.model, metric.column ?? '');
  switch (metric.kind) {
    case 'count':
      return sql`count(*)`;
    case 'count_distinct':
      return sql`count(DISTINCT ${column})`;
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return sql`${sql.raw(metric.kind)}(${column})`;
    case 'percentile':
      return scope.time.dialect.percentile(metric.percentile ?? 0.5, column);
    default:
      return assertNever(metric.kind, 'aggregate');
  }
}

/** Plain aggregates of one model share a single scan. */
export function aggregateCte(scope: Scope, modelName: string, metrics: readonly AggregateMetric[], where: FilterNode | null): MetricCte {
  const distinct = distinctColumn(metrics);
  if (distinct) return countsByValueCte(scope, modelName, metrics, where, distinct);
  const columns = groupColumns(scope);
  const values = metrics.map((m) => sql`${aggregateSql(scope, m)} AS ${sql.id(m.name)}`);
  const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  ${bucketedRows(scope, modelName, [where, ...metrics.map((m) => m.filter)], [where])}
  ${groupBy(columns.length)}`;
  return { name: `m_${modelName}`, body, metrics: metrics.map((m) => m.name) };
}

/** The one column counted distinct, when every metric is a plain count or a count of that column's distinct values. */
function distinctColumn(metrics: readonly AggregateMetric[]): string | null {
  if (metrics.some((m) => m.filter || (m.kind !== 'count' && m.kind !== 'count_distinct'))) return null;
  const columns = new Set(metrics.filter((m) => m.kind === 'count_distinct').map((m) => m.column));
  const [column] = [...columns];
  return columns.size === 1 && column ? column : null;
}

/**
 * Counts of rows and of distinct values in one scan: group by (bucket,
 * dimensions, value) first, by hash, then count the groups. count(DISTINCT)
 * would sort every row instead.
 */
function countsByValueCte(scope: Scope, modelName: string, metrics: readonly AggregateMetric[], where: FilterNode | null, column: string): MetricCte {
  const columns = groupColumns(scope);
  const keys = ['period', ...scope.dimensions.map((d) => d.name)].map((c) => sql`x.${sql.id(c)}`);
  const values = metrics.map((m) => sql`${m.kind === 'count' ? sql`sum(x.n)` : sql`count(x.v)`} AS ${sql.id(m.name)}`);
  const body = sql`SELECT ${sql.join([...keys, ...values], sql`, `)}
  FROM (
    SELECT ${sql.join(columns, sql`, `)}, ${sql.id(modelName, column)} AS v, count(*) AS n
    ${bucketedRows(scope, modelName, [where], [where])}
    ${groupBy(columns.length + 1)}
  ) AS x
  ${groupBy(keys.length)}`;
  return { name: `m_${modelName}`, body, metrics: metrics.map((m) => m.name) };
}

/**
 * Mean over the bucket's days of the distinct values active each day; empty
 * days count as 0. Distinct (value, day, dimensions) first, by hash, then a
 * count per day: cheaper than count(DISTINCT), which sorts every row.
 */
export function dailyMeanCte(scope: Scope, metric: DailyMeanMetric, where: FilterNode | null): MetricCte {
  if (scope.time.spec.grain === 'HOUR') return hourlyMeanCte(scope, metric, where);
  const m = model(scope.catalog, metric.model);
  const time = sql.id(m.name, m.timeColumn ?? '');
  const needed = modelsFor(scope.catalog, scope.dimensions, [where, metric.filter]);
  const dims = scope.dimensions.map((d) => sql`, ${dimensionSql(d, scope.time)} AS ${sql.id(d.name)}`);
  const range = [sql`${time} >= ${scope.time.instant(scope.time.localFrom)}`, sql`${time} < ${scope.time.instant(scope.time.localTo)}`];
  const columns = [sql`b.period`, ...scope.dimensions.map((d) => sql`a.${sql.id(d.name)}`)];
  const outer = ['period', ...scope.dimensions.map((d) => d.name)].map((c) => sql`d.${sql.id(c)}`);
  const body = sql`SELECT ${sql.join(outer, sql`, `)}, sum(d.n)::float8 / max(d.day_count) AS ${sql.id(metric.name)}
  FROM (
    SELECT ${sql.join(columns, sql`, `)}, b.day_count, a.day, count(*) AS n
    FROM (
      SELECT DISTINCT (${scope.time.local(time)})::date AS day, ${sql.id(m.name, metric.column)} AS v${sql.join(dims, sql``)}
      FROM ${tableAs(m)}
      ${joinsSql(scope.catalog, m.name, needed)}
      ${whereSql(scope, [where, metric.filter], range)}
    ) AS a
    JOIN buckets AS b ON ${dayInBucket(scope, sql`a.day`)}
    ${groupBy(columns.length + 2)}
  ) AS d
  ${groupBy(outer.length)}`;
  return { name: `m_${metric.name}`, body, metrics: [metric.name] };
}

/** The bucket (of a day or more, or the whole range) that holds a local date. */
function dayInBucket(scope: Scope, day: RawBuilder<unknown>): RawBuilder<unknown> {
  const { grain } = scope.time.spec;
  if (grain === null) return sql`TRUE`;
  if (grain === 'DAY') return sql`b.first_day = ${day}`;
  return sql`b.local_start = ${scope.time.bucketStart(grain === 'HOUR' ? 'DAY' : grain, scope.time.dialect.startOfDay(day))}`;
}

/** An hour is part of one day: dau of an hour bucket is its distinct values. */
function hourlyMeanCte(scope: Scope, metric: DailyMeanMetric, where: FilterNode | null): MetricCte {
  const m = model(scope.catalog, metric.model);
  const columns = groupColumns(scope);
  const body = sql`SELECT ${sql.join(columns, sql`, `)}, count(DISTINCT ${sql.id(m.name, metric.column)})::float8 AS ${sql.id(metric.name)}
  ${bucketedRows(scope, m.name, [where, metric.filter], [where, metric.filter])}
  ${groupBy(columns.length)}`;
  return { name: `m_${metric.name}`, body, metrics: [metric.name] };
}

/** Distinct values active in the N calendar days ending at each bucket's (clipped) end. */
export function trailingDistinctCte(scope: Scope, metric: TrailingDistinctMetric, where: FilterNode | null): MetricCte {
  const body = scope.time.spec.grain === 'HOUR' ? trailingByEvents(scope, metric, where) : trailingByIslands(scope, metric, where);
  return { name: `m_${metric.name}`, body, metrics: [metric.name] };
}

/** Sub-day buckets end mid-day, so their windows are matched against events directly. */
function trailingByEvents(scope: Scope, metric: TrailingDistinctMetric, where: FilterNode | null): RawBuilder<unknown> {
  const m = model(scope.catalog, metric.model);
  const time = sql.id(m.name, m.timeColumn ?? '');
  const columns = groupColumns(scope);
  const needed = modelsFor(scope.catalog, scope.dimensions, [where, metric.filter]);
  return sql`SELECT ${sql.join(columns, sql`, `)}, count(DISTINCT ${sql.id(m.name, metric.column)}) AS ${sql.id(metric.name)}
  FROM buckets AS b
  JOIN ${tableAs(m)} ON ${time} >= ${scope.time.windowStart(sql`b.local_end`, metric.windowDays)} AND ${time} < b.bucket_end
  ${joinsSql(scope.catalog, m.name, needed)}
  ${whereSql(scope, [where, metric.filter])}
  ${groupBy(columns.length)}`;
}

/** Trailing windows from the raw rows: the distinct (value, local day) pairs of the scan. */
function trailingByIslands(scope: Scope, metric: TrailingDistinctMetric, where: FilterNode | null): RawBuilder<unknown> {
  const m = model(scope.catalog, metric.model);
  const time = sql.id(m.name, m.timeColumn ?? '');
  const needed = modelsFor(scope.catalog, scope.dimensions, [where, metric.filter]);
  const dimSelect = scope.dimensions.map((d) => sql`${dimensionSql(d, scope.time)} AS ${sql.id(d.name)}`);
  const scanFrom = scope.time.windowStart(scope.time.localFrom, metric.windowDays);
  const activeDays = sql`SELECT DISTINCT ${sql.id(m.name, metric.column)} AS v, (${scope.time.local(time)})::date AS day${dimSelect.length > 0 ? sql`, ${sql.join(dimSelect, sql`, `)}` : sql``}
          FROM ${tableAs(m)}
          ${joinsSql(scope.catalog, m.name, needed)}
          ${whereSql(scope, [where, metric.filter], [sql`${time} >= ${scanFrom}`, sql`${time} < ${scope.time.instant(scope.time.localTo)}`])}`;
  return islandsSql(scope, metric.windowDays, metric.name, activeDays);
}

/**
 * Trailing distinct counts from `activeDays`: one row per (value v, local day,
 * dimensions...) active in [from - N days, to]. Buckets of a day or more end
 * at local midnight, so a value active on local day d is in the window of
 * every bucket whose end day e has d < e <= d + N. Merging each value's
 * overlapping spans into islands (gaps-and-islands) leaves disjoint spans per
 * value and group, so a plain count(*) per bucket is the distinct count,
 * without re-reading N days of activity per bucket.
 */
export function islandsSql(scope: Scope, days: number, name: string, activeDays: RawBuilder<unknown>): RawBuilder<unknown> {
  const dims = scope.dimensions.map((d) => sql.id(d.name));
  const dimList = dims.length > 0 ? sql`, ${sql.join(dims, sql`, `)}` : sql``;
  const partition = sql`PARTITION BY v${dimList} ORDER BY day`;
  const outer = [sql`b.period`, ...scope.dimensions.map((d) => sql`i.${sql.id(d.name)}`)];
  return sql`SELECT ${sql.join(outer, sql`, `)}, count(*) AS ${sql.id(name)}
  FROM buckets AS b
  JOIN (
    SELECT v${dimList}, min(day) + 1 AS first_end, max(day) + ${days}::int AS last_end
    FROM (
      SELECT v${dimList}, day, sum(starts) OVER (${partition}) AS island
      FROM (
        SELECT v${dimList}, day, CASE WHEN day - lag(day) OVER (${partition}) <= ${days}::int THEN 0 ELSE 1 END AS starts
        FROM (
          ${activeDays}
        ) AS active_days
      ) AS gaps
    ) AS runs
    GROUP BY v${dimList}, island
  ) AS i ON b.local_end::date BETWEEN i.first_end AND i.last_end
  ${groupBy(outer.length)}`;
}

/**
 * Users at risk at the bucket's start (signed up before it, no churn before it)
 * and the share of them whose first churn falls in the bucket.
 */
export function churnRateCte(scope: Scope, metric: ChurnRateMetric, where: FilterNode | null): MetricCte {
  const users = model(scope.catalog, metric.model);
  const churn = model(scope.catalog, metric.churnModel);
  const columns = groupColumns(scope);
  const needed = modelsFor(scope.catalog, scope.dimensions, [where]);
  const first = sql`first_churn.first_at`;
  const churned = scope.time.dialect.filtered(sql`count(*)`, sql`${first} >= b.bucket_start AND ${first} < b.bucket_end`);
  const body = sql`SELECT ${sql.join(columns, sql`, `)},
    ${churned}::float8 / count(*) AS ${sql.id(metric.name)}
  FROM buckets AS b
  JOIN ${tableAs(users)} ON ${sql.id(users.name, users.timeColumn ?? '')} < b.bucket_start
  LEFT JOIN (
    SELECT ${sql.ref(`c.${churn.userKey ?? ''}`)} AS user_key, min(${sql.ref(`c.${churn.timeColumn ?? ''}`)}) AS first_at
    FROM ${sql.table(churn.table)} AS c GROUP BY 1
  ) AS first_churn ON first_churn.user_key = ${sql.id(users.name, users.primaryKey)}
  ${joinsSql(scope.catalog, users.name, needed)}
  ${whereSql(scope, [where], [sql`(${first} IS NULL OR ${first} >= b.bucket_start)`])}
  ${groupBy(columns.length)}`;
  return { name: `m_${metric.name}`, body, metrics: [metric.name] };
}

/**
 * Users who signed up at least N days before the bucket's end with no activity
 * in the N days ending there. `activity` narrows which events count.
 */
export function inactiveUsersCte(
  scope: Scope,
  metric: InactiveUsersMetric,
  where: FilterNode | null,
  activity: FilterNode | null,
): MetricCte {
  const users = model(scope.catalog, metric.model);
  const events = model(scope.catalog, metric.activityModel);
  const eventTime = sql.id(events.name, events.timeColumn ?? '');
  const windowStart = scope.time.windowStart(sql`b.local_end`, metric.windowDays);
  const columns = groupColumns(scope);
  const needed = modelsFor(scope.catalog, scope.dimensions, [where, activity]);
  needed.delete(events.name);
  const activityPredicate = activity ? sql` AND ${predicate(scope, activity)}` : sql``;
  const inactive = scope.time.dialect.filtered(
    sql`count(*)`,
    sql`NOT EXISTS (
      SELECT 1 FROM ${tableAs(events)}
      WHERE ${sql.id(events.name, events.userKey ?? '')} = ${sql.id(users.name, users.primaryKey)}
        AND ${eventTime} >= ${windowStart} AND ${eventTime} < b.bucket_end${activityPredicate}
    )`,
  );
  const body = sql`SELECT ${sql.join(columns, sql`, `)},
    ${inactive} AS ${sql.id(metric.name)}
  FROM buckets AS b
  JOIN ${tableAs(users)} ON ${sql.id(users.name, users.timeColumn ?? '')} <= ${windowStart}
  ${joinsSql(scope.catalog, users.name, needed)}
  ${whereSql(scope, [where])}
  ${groupBy(columns.length)}`;
  return { name: `m_${metric.name}`, body, metrics: [metric.name] };
}

/** Sessions starting in each bucket, counted and/or averaged; metrics here share one sessionisation. */
export function sessionCte(scope: Scope, modelName: string, metrics: readonly SessionMetric[], where: FilterNode | null): MetricCte {
  const name = `m_${metrics.map((m) => m.name).join('_')}`;
  const source = `${name}_sessions`;
  const prelude = sessionCtes(scope, { model: modelName, filters: [where, metrics[0]?.filter ?? null] }, source);
  const columns = [sql`b.period`, ...scope.dimensions.map((d) => sql`s.${sql.id(d.name)}`)];
  // Durations are exact (numeric seconds), so the mean is the same whatever order the rows come in.
  const values = metrics.map((m) => (m.kind === 'session_count' ? sql`count(*) AS ${sql.id(m.name)}` : sql`avg(s.duration) AS ${sql.id(m.name)}`));
  const body = sql`SELECT ${sql.join([...columns, ...values], sql`, `)}
  FROM buckets AS b
  JOIN ${sql.id(source)} AS s ON s.started_at >= b.bucket_start AND s.started_at < b.bucket_end
  ${groupBy(columns.length)}`;
  return { name, body, metrics: metrics.map((m) => m.name), prelude, recursive: true };
}
