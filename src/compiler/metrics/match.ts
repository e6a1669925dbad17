import type { AggregateMetric, Catalog, Mart } from '../../catalog/types';
import { assertNever } from '../../util/errors';
import { checkChurn, checkRollupDimensions, checkSameBuckets, checkTime, checkTrailing, checkUserLevel, choose, martsOf, type Decision } from '../marts/match-common';
import { refuse, type Check } from '../marts/refusals';
import type { MartsState } from '../marts/state';
import type { MetricStep, MetricsPlan } from './plan';

export interface MatchedMetrics {
  readonly plan: MetricsPlan;
  /** One per step of the matched plan, in order: where it reads from and why other marts could not serve it. */
  readonly decisions: readonly Decision[];
}

/**
 * Points each step at the smallest mart that gives exactly its raw rows (the
 * timezone and week start kept by the mart, buckets made of its buckets,
 * dimensions and filters it can read); the rest stay on raw tables. A plain
 * aggregate step is split when only some of its metrics are in the mart.
 * Pure: a function of (catalog, marts state, plan).
 */
export function matchMetrics(catalog: Catalog, state: MartsState, plan: MetricsPlan): MatchedMetrics {
  const steps: MetricStep[] = [];
  const decisions: Decision[] = [];
  const add = (step: MetricStep, decision: Decision) => {
    steps.push({ ...step, source: decision.source });
    decisions.push(decision);
  };
  for (const step of plan.steps) {
    if (step.kind !== 'aggregate') {
      add(step, decide(catalog, state, plan, step));
      continue;
    }
    const served = step.metrics.filter((m) => inActivityMart(catalog, m));
    const rest = step.metrics.filter((m) => !served.includes(m));
    const decision = served.length > 0 ? decide(catalog, state, plan, { ...step, metrics: served }) : null;
    if (decision && decision.source.kind === 'mart') {
      add({ ...step, metrics: served }, decision);
      if (rest.length > 0) add({ ...step, metrics: rest }, { source: step.source, refusals: rest.map((m) => refuse('*', 'METRIC', metricDetail(m))) });
    } else add(step, decision ?? { source: step.source, refusals: step.metrics.map((m) => refuse('*', 'METRIC', metricDetail(m))) });
  }
  return { plan: { ...plan, steps }, decisions };
}

/** Counts of rows and of distinct users are what a user_activity mart holds. */
function inActivityMart(catalog: Catalog, metric: AggregateMetric): boolean {
  if (metric.filter) return false;
  if (metric.kind === 'count') return true;
  return metric.kind === 'count_distinct' && metric.column === catalog.models.get(metric.model)?.userKey;
}

function metricDetail(metric: AggregateMetric): string {
  if (metric.filter) return `metric "${metric.name}" counts only rows matching its filter`;
  return `metric "${metric.name}" (${metric.kind}${metric.column ? ` of ${metric.column}` : ''}) is not kept by any mart`;
}

function decide(catalog: Catalog, state: MartsState, plan: MetricsPlan, step: MetricStep): Decision {
  const spec = plan.query;
  const activity = (model: string) => martsOf(catalog, 'user_activity', model);
  const rollups = (model: string) => martsOf(catalog, 'rollup', model);
  switch (step.kind) {
    case 'aggregate': {
      const users = step.metrics.some((m) => m.kind === 'count_distinct');
      return choose(state, [...activity(step.model), ...rollups(step.model)], (mart) => {
        if (mart.kind === 'rollup') {
          return checkTime(mart, { kind: 'buckets', spec }) ?? (users ? checkSameBuckets(mart, spec) : null) ?? checkRollupDimensions(mart, plan.dimensions, [step.where]);
        }
        return (mart.kind === 'user_activity' ? checkTime(mart, { kind: 'buckets', spec }) : null) ?? checkUserLevel(catalog, mart, plan.dimensions, [step.where]);
      });
    }
    case 'daily_mean':
    case 'trailing_distinct': {
      const { metric } = step;
      // A day rollup holds each day's distinct users: their mean over a bucket's days is dau.
      const days = step.kind === 'daily_mean' ? rollups(metric.model) : martsOf(catalog, 'trailing', metric.model);
      return choose(state, [...activity(metric.model), ...days], (mart) =>
        userColumn(catalog, mart, metric.model, metric.column) ??
        noFilter(mart, metric.name, metric.filter) ??
        (mart.kind === 'trailing' && step.kind === 'trailing_distinct' ? checkTrailing(mart, spec, step.metric.windowDays, plan.dimensions, step.where) : null) ??
        (mart.kind === 'user_activity' || mart.kind === 'rollup' ? checkTime(mart, { kind: 'days', spec }) : null) ??
        (mart.kind === 'rollup' ? checkRollupDimensions(mart, plan.dimensions, [step.where]) : mart.kind === 'trailing' ? null : checkUserLevel(catalog, mart, plan.dimensions, [step.where])),
      );
    }
    case 'inactive_users':
      return choose(state, activity(step.metric.activityModel), (mart) =>
        (step.activity ? refuse(mart.name, 'DIMENSION', 'the events counted as activity are narrowed by a dimension of each event') : null) ??
        (mart.kind === 'user_activity' ? checkTime(mart, { kind: 'days', spec }) : null),
      );
    case 'sessions': {
      const first = step.metrics[0];
      const candidates: Mart[] = [...martsOf(catalog, 'sessions', step.model), ...activity(step.model), ...rollups(step.model)];
      return choose(state, candidates, (mart) =>
        noFilter(mart, first?.name ?? '', first?.filter ?? null) ??
        (mart.kind === 'user_activity' || mart.kind === 'rollup'
          ? mart.sessions === null
            ? refuse(mart.name, 'NO_SESSIONS', `${mart.table} has no session columns: declare a sessions mart of ${mart.model}`)
            : checkTime(mart, { kind: 'buckets', spec })
          : null) ??
        (mart.kind === 'rollup' ? checkRollupDimensions(mart, plan.dimensions, [step.where]) : checkUserLevel(catalog, mart, plan.dimensions, [step.where])),
      );
    }
    case 'churn_rate':
      return choose(state, martsOf(catalog, 'churn', step.metric.model), (mart) =>
        mart.kind === 'churn' ? checkChurn(mart, step.metric, spec, plan.dimensions, step.where) : null,
      );
    default:
      return assertNever(step, 'metric step');
  }
}

/** Daily means and trailing windows of distinct users: the mart keeps users, not other columns. */
function userColumn(catalog: Catalog, mart: Mart, model: string, column: string): Check {
  if (column === catalog.models.get(model)?.userKey) return null;
  return refuse(mart.name, 'METRIC', `${mart.table} counts distinct users, not distinct ${column}`);
}

function noFilter(mart: Mart, metric: string, filter: unknown): Check {
  return filter ? refuse(mart.name, 'METRIC_FILTER', `metric "${metric}" counts only the rows matching its filter`) : null;
}
