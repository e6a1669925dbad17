import { dimensionReachableFrom } from '../../catalog/reachability';
import { baseMetricsOf } from '../../catalog/dependencies';
import type {
  AggregateMetric,
  BaseMetric,
  Catalog,
  ChurnRateMetric,
  DailyMeanMetric,
  Dimension,
  FilterNode,
  InactiveUsersMetric,
  SessionMetric,
  TrailingDistinctMetric,
} from '../../catalog/types';
import { didYouMean } from '../../util/did-you-mean';
import { QueryError } from '../../util/errors';
import { camelCase } from '../../util/names';
import { allOf, conjuncts, filterDimensions } from '../dimension-sql';
import { LIMITS, type MetricQuery } from '../query';
import { RAW, type Source } from '../source';
import { validateTimeSpec } from '../time-range';

/**
 * The plan of a `metrics` request: typed steps, each giving rows of
 * (period, dimensions..., metric columns) for some base metrics, then one
 * statement that joins them on the bucket grid. Steps say what they compute
 * and what they read (`source`); the matcher (match.ts) may point a step at a
 * mart, the renderer (render.ts) writes SQL for either.
 */
export type MetricStep =
  /** Plain aggregates of one model share one scan. */
  | { readonly kind: 'aggregate'; readonly model: string; readonly metrics: readonly AggregateMetric[]; readonly where: FilterNode | null; readonly source: Source }
  | { readonly kind: 'daily_mean'; readonly metric: DailyMeanMetric; readonly where: FilterNode | null; readonly source: Source }
  | { readonly kind: 'trailing_distinct'; readonly metric: TrailingDistinctMetric; readonly where: FilterNode | null; readonly source: Source }
  | { readonly kind: 'churn_rate'; readonly metric: ChurnRateMetric; readonly where: FilterNode | null; readonly source: Source }
  | {
      readonly kind: 'inactive_users';
      readonly metric: InactiveUsersMetric;
      /** Terms on the users (subject) model. */
      readonly where: FilterNode | null;
      /** Terms only the activity model reaches: they narrow which events count as activity. */
      readonly activity: FilterNode | null;
      readonly source: Source;
    }
  /** Session metrics of one model (and one metric filter) share one sessionisation. */
  | { readonly kind: 'sessions'; readonly model: string; readonly metrics: readonly SessionMetric[]; readonly where: FilterNode | null; readonly source: Source };

export interface MetricsPlan {
  readonly query: MetricQuery;
  /** The GROUP BY, resolved. */
  readonly dimensions: readonly Dimension[];
  /** Output metrics (selected and ordered by), snake_case. */
  readonly metrics: readonly string[];
  readonly steps: readonly MetricStep[];
}

/** Validates the request and plans it, every step reading raw tables. Pure. */
export function planMetrics(catalog: Catalog, query: MetricQuery): MetricsPlan {
  validateTimeSpec(query);
  if (query.limit !== null && (query.limit < 1 || query.limit > LIMITS.maxRows)) {
    throw new QueryError('limit', `must be between 1 and ${LIMITS.maxRows}; got ${query.limit}.`);
  }
  const dimensions = query.dimensions.map((name) => lookupDimension(catalog, name, 'rows'));
  if (query.where) for (const name of filterDimensions(query.where)) lookupDimension(catalog, name, 'where');
  const orderMetrics = query.orderBy.filter((t) => catalog.metrics.has(t.field)).map((t) => t.field);
  const metrics = unique([...query.metrics, ...orderMetrics]);
  metrics.forEach((name) => lookupMetric(catalog, name));
  if (metrics.length === 0) throw new QueryError('rows', 'select at least one metric under rows.');
  for (const term of query.orderBy) {
    // A metric not selected is computed anyway; a dimension must be grouped by to be ordered by.
    if (term.field !== 'period' && !query.dimensions.includes(term.field) && !catalog.metrics.has(term.field)) {
      const hint = catalog.dimensions.has(term.field) ? 'select it under rows to group by it' : 'it is neither period, a selected dimension nor a metric';
      throw new QueryError('orderBy', `cannot order by "${camelCase(term.field)}": ${hint}.`);
    }
  }
  return { query, dimensions, metrics, steps: planSteps(catalog, metrics, query.where, dimensions) };
}

function planSteps(catalog: Catalog, metricNames: readonly string[], where: FilterNode | null, dimensions: readonly Dimension[]): MetricStep[] {
  const base = new Set<string>();
  for (const name of metricNames) baseMetricsOf(catalog, name, base);
  const aggregates = new Map<string, AggregateMetric[]>();
  const sessions = new Map<string, SessionMetric[]>();
  const steps: MetricStep[] = [];
  for (const name of base) {
    const metric = catalog.metrics.get(name) as BaseMetric;
    for (const d of dimensions) {
      if (!dimensionReachableFrom(catalog, d, metric.model)) {
        throw new QueryError('rows', `metric "${camelCase(name)}" (model ${metric.model}) cannot be grouped by dimension "${camelCase(d.name)}": it is not reachable from ${metric.model}.`);
      }
    }
    const routed = routeFilter(catalog, metric, where);
    switch (metric.kind) {
      case 'daily_mean':
      case 'trailing_distinct':
      case 'churn_rate':
        steps.push({ kind: metric.kind, metric, where: routed.subject, source: RAW } as MetricStep);
        break;
      case 'inactive_users':
        steps.push({ kind: 'inactive_users', metric, where: routed.subject, activity: routed.activity, source: RAW });
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
    steps.push({ kind: 'sessions', model: first.model, metrics, where: routeFilter(catalog, first, where).subject, source: RAW });
  }
  const scans: MetricStep[] = [...aggregates].map(([model, metrics]) => ({
    kind: 'aggregate',
    model,
    metrics,
    where: routeFilter(catalog, metrics[0] as AggregateMetric, where).subject,
    source: RAW,
  }));
  return [...scans.reverse(), ...steps];
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
