import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { dimensionReachableFrom } from '../catalog/reachability';
import type { AggregateMetric, BaseMetric, Catalog, Dimension, FilterNode, SessionMetric } from '../catalog/types';
import { QueryError } from '../util/errors';
import { didYouMean } from '../util/did-you-mean';
import { camelCase } from '../util/names';
import { TimeSql } from './buckets';
import { compileStatement } from './statement';
import { allOf, conjuncts, filterDimensions } from './dimension-sql';
import type { Scope } from './sources';
import {
  aggregateCte,
  churnRateCte,
  dailyMeanCte,
  inactiveUsersCte,
  sessionCte,
  trailingDistinctCte,
  type MetricCte,
} from './metric-ctes';
import { metricValueSql } from './metric-values';
import { baseMetricsOf } from '../catalog/dependencies';
import { LIMITS, type MetricQuery } from './query';
import { validateTimeSpec } from './time-range';

export interface CompiledMetricQuery {
  readonly query: CompiledQuery;
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Output columns besides `period`: the dimensions then the metrics, snake_case. */
  readonly dimensions: readonly string[];
  readonly metrics: readonly string[];
}

/** (Catalog, MetricQuery) -> SQL. Pure: no I/O, no clock, no environment. */
export function compileMetricQuery(catalog: Catalog, query: MetricQuery): CompiledMetricQuery {
  validateTimeSpec(query);
  if (query.limit !== null && (query.limit < 1 || query.limit > LIMITS.maxRows)) {
    throw new QueryError('limit', `must be between 1 and ${LIMITS.maxRows}; got ${query.limit}.`);
  }
  const dimensions = query.dimensions.map((name) => lookupDimension(catalog, name, 'rows'));
  if (query.where) for (const name of filterDimensions(query.where)) lookupDimension(catalog, name, 'where');
  const orderMetrics = query.orderBy.filter((t) => catalog.metrics.has(t.field)).map((t) => t.field);
  const outputMetrics = unique([...query.metrics, ...orderMetrics]);
  outputMetrics.forEach((name) => lookupMetric(catalog, name));
  if (outputMetrics.length === 0) throw new QueryError('rows', 'select at least one metric under rows.');

  const time = new TimeSql(query);
  const scope: Scope = { catalog, time, dimensions };
  const ctes = baseCtes(catalog, outputMetrics, query.where, scope);
  const cteOf = new Map(ctes.flatMap((c) => c.metrics.map((m) => [m, c.name] as const)));

  const dimensionNames = dimensions.map((d) => d.name);
  const keyColumns = ['period', ...dimensionNames];
  // With a grain and no dimension every bucket is returned, even an empty one.
  const keys =
    dimensions.length === 0
      ? sql`SELECT period FROM buckets`
      : sql.join(
          ctes.map((c) => sql`SELECT ${sql.join(keyColumns.map((k) => sql.id(c.name, k)))} FROM ${sql.id(c.name)}`),
          sql`\n  UNION\n  `,
        );
  const joins = ctes.map(
    (c) =>
      sql`LEFT JOIN ${sql.id(c.name)} ON ${sql.join(
        keyColumns.map((k) => sql`${sql.id(c.name, k)} IS NOT DISTINCT FROM ${sql.id('k', k)}`),
        sql` AND `,
      )}`,
  );
  const select = [
    ...keyColumns.map((k) => sql.id('k', k)),
    ...outputMetrics.map((m) => sql`${metricValueSql(catalog, m, cteOf)} AS ${sql.id(m)}`),
  ];
  const withs = [
    sql`buckets AS (\n  ${time.bucketsQuery()}\n)`,
    ...ctes.flatMap((c) => [...(c.prelude ?? []), sql`${sql.id(c.name)} AS (\n  ${c.body}\n)`]),
    sql`k AS (\n  ${keys}\n)`,
  ];
  const limit = query.limit ?? LIMITS.maxRows;
  const recursive = ctes.some((c) => c.recursive) ? sql`RECURSIVE ` : sql``;
  const statement = sql`WITH ${recursive}${sql.join(withs, sql`,\n`)}
SELECT ${sql.join(select, sql`,\n  `)}
FROM k
${sql.join(joins, sql`\n`)}
ORDER BY ${orderBySql(catalog, query, keyColumns)}
LIMIT ${limit}::int`;
  const compiled = compileStatement(statement);
  return { query: compiled, sql: compiled.sql, parameters: compiled.parameters, dimensions: dimensionNames, metrics: outputMetrics };
}

function baseCtes(
  catalog: Catalog,
  metricNames: readonly string[],
  where: FilterNode | null,
  scope: Scope,
): MetricCte[] {
  const base = new Set<string>();
  for (const name of metricNames) baseMetricsOf(catalog, name, base);
  const aggregates = new Map<string, AggregateMetric[]>();
  const sessions = new Map<string, SessionMetric[]>();
  const ctes: MetricCte[] = [];
  for (const name of base) {
    const metric = catalog.metrics.get(name) as BaseMetric;
    for (const d of scope.dimensions) {
      if (!dimensionReachableFrom(catalog, d, metric.model)) {
        throw new QueryError('rows', `metric "${camelCase(name)}" (model ${metric.model}) cannot be grouped by dimension "${camelCase(d.name)}": it is not reachable from ${metric.model}.`);
      }
    }
    const routed = routeFilter(catalog, metric, where);
    switch (metric.kind) {
      case 'daily_mean':
        ctes.push(dailyMeanCte(scope, metric, routed.subject));
        break;
      case 'trailing_distinct':
        ctes.push(trailingDistinctCte(scope, metric, routed.subject));
        break;
      case 'churn_rate':
        ctes.push(churnRateCte(scope, metric, routed.subject));
        break;
      case 'inactive_users':
        ctes.push(inactiveUsersCte(scope, metric, routed.subject, routed.activity));
        break;
      case 'session_count':
      case 'session_duration': {
        // Unfiltered session metrics of one model share one sessionisation.
        const key = metric.filter ? `${metric.model}:${metric.name}` : metric.model;
        sessions.set(key, [...(sessions.get(key) ?? []), metric]);
        break;
      }
      default: {
        const list = aggregates.get(metric.model) ?? [];
        list.push(metric);
        aggregates.set(metric.model, list);
      }
    }
  }
  for (const metrics of sessions.values()) {
    const first = metrics[0] as SessionMetric;
    ctes.push(sessionCte(scope, first.model, metrics, routeFilter(catalog, first, where).subject));
  }
  for (const [model, metrics] of aggregates) {
    const first = metrics[0] as AggregateMetric;
    ctes.unshift(aggregateCte(scope, model, metrics, routeFilter(catalog, first, where).subject));
  }
  return ctes;
}

/**
 * Each top-level AND term of `where` applies to the metric's own rows when its
 * dimensions are reachable from them; for inactive_users, terms only the
 * activity model reaches narrow which events count as activity instead.
 */
function routeFilter(catalog: Catalog, metric: BaseMetric, where: FilterNode | null): { subject: FilterNode | null; activity: FilterNode | null } {
  if (!where) return { subject: null, activity: null };
  const subject: FilterNode[] = [];
  const activity: FilterNode[] = [];
  for (const term of conjuncts(where)) {
    const names = [...filterDimensions(term)];
    const reach = (model: string): boolean => names.every((n) => dimensionReachableFrom(catalog, catalog.dimensions.get(n) as Dimension, model));
    if (reach(metric.model)) subject.push(term);
    else if (metric.kind === 'inactive_users' && reach(metric.activityModel)) activity.push(term);
    else {
      const bad = names.find((n) => !dimensionReachableFrom(catalog, catalog.dimensions.get(n) as Dimension, metric.model)) ?? names[0];
      throw new QueryError('where', `metric "${camelCase(metric.name)}" (model ${metric.model}) cannot be filtered by dimension "${camelCase(bad ?? '')}": it is not reachable from ${metric.model}.`);
    }
  }
  return { subject: allOf(subject), activity: allOf(activity) };
}

function orderBySql(catalog: Catalog, query: MetricQuery, keyColumns: readonly string[]): RawBuilder<unknown> {
  const terms: RawBuilder<unknown>[] = [];
  const seen = new Set<string>();
  for (const term of query.orderBy) {
    // A metric not selected is computed anyway; a dimension must be grouped by to be ordered by.
    if (!keyColumns.includes(term.field) && !catalog.metrics.has(term.field)) {
      const hint = catalog.dimensions.has(term.field) ? 'select it under rows to group by it' : 'it is neither period, a selected dimension nor a metric';
      throw new QueryError('orderBy', `cannot order by "${camelCase(term.field)}": ${hint}.`);
    }
    if (seen.has(term.field)) continue;
    seen.add(term.field);
    terms.push(sql`${sql.id(term.field)} ${sql.raw(term.direction === 'DESC' ? 'DESC' : 'ASC')} NULLS LAST`);
  }
  // Then the keys, so ties always come back in the same order.
  for (const key of keyColumns) if (!seen.has(key)) terms.push(sql`${sql.id(key)} ASC NULLS LAST`);
  return sql.join(terms, sql`, `);
}

function lookupDimension(catalog: Catalog, name: string, argument: string): Dimension {
  const found = catalog.dimensions.get(name);
  if (!found) throw new QueryError(argument, `unknown dimension "${camelCase(name)}".${didYouMean(name, catalog.dimensions.keys())}`);
  return found;
}

function lookupMetric(catalog: Catalog, name: string): void {
  if (!catalog.metrics.has(name)) throw new QueryError('rows', `unknown metric "${camelCase(name)}".${didYouMean(name, catalog.metrics.keys())}`);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
