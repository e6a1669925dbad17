/** Metric specs -> Metric (types.ts); `filter` -> FilterNode; derived `expr` parsed once here. */
import { assertNever, type DefinitionProblem } from '../util/errors';
import { parseDerivedExpr } from './expr';
import type { Locator } from './locate';
import type { FilterSpec, StringFilterSpec } from './schema/filter';
import type { MetricSpec } from './schema/metric';
import type { FilterNode, Metric, MetricKind, StringFilter } from './types';

/** The metric, or null after reporting an unparseable derived expression. */
export function normaliseMetric(spec: MetricSpec[MetricKind], at: Locator, problems: DefinitionProblem[]): Metric | null {
  const base = { name: spec.name, description: spec.description ?? '', location: at() };
  switch (spec.kind) {
    case 'count':
      return { ...base, kind: spec.kind, model: spec.model, column: null, percentile: null, filter: filterNode(spec.filter) };
    case 'count_distinct':
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return { ...base, kind: spec.kind, model: spec.model, column: spec.column, percentile: null, filter: filterNode(spec.filter) };
    case 'percentile':
      return {
        ...base,
        kind: spec.kind,
        model: spec.model,
        column: spec.column,
        percentile: spec.percentile,
        filter: filterNode(spec.filter),
      };
    case 'session_count':
    case 'session_duration':
      return { ...base, kind: spec.kind, model: spec.model, filter: filterNode(spec.filter) };
    case 'daily_mean':
      return { ...base, kind: spec.kind, model: spec.model, column: spec.column, filter: filterNode(spec.filter) };
    case 'trailing_distinct':
      return {
        ...base,
        kind: spec.kind,
        model: spec.model,
        column: spec.column,
        windowDays: spec.window_days,
        filter: filterNode(spec.filter),
      };
    case 'churn_rate':
      return { ...base, kind: spec.kind, model: spec.model, churnModel: spec.churn_model };
    case 'inactive_users':
      return { ...base, kind: spec.kind, model: spec.model, activityModel: spec.activity_model, windowDays: spec.window_days };
    case 'ratio':
      return { ...base, kind: spec.kind, numerator: spec.numerator, denominator: spec.denominator };
    case 'derived': {
      const parsed = parseDerivedExpr(spec.expr);
      if (parsed.ok) return { ...base, kind: spec.kind, expr: parsed.expr, exprText: spec.expr };
      problems.push({
        code: 'INVALID_EXPRESSION',
        message: `Metric "${spec.name}": cannot parse expr "${spec.expr}": ${parsed.message}.`,
        location: at(['expr'], { offset: parsed.offset }),
      });
      return null;
    }
    default:
      return assertNever(spec, 'metric kind');
  }
}

function filterNode(spec: FilterSpec | undefined): FilterNode | null {
  return spec === undefined ? null : toFilterNode(spec);
}

function toFilterNode(spec: FilterSpec): FilterNode {
  const dimensions = new Map<string, StringFilter>();
  for (const [key, value] of Object.entries(spec)) {
    if (key !== 'and' && key !== 'or' && value !== undefined && !Array.isArray(value)) {
      dimensions.set(key, toStringFilter(value));
    }
  }
  return { dimensions, and: (spec.and ?? []).map(toFilterNode), or: (spec.or ?? []).map(toFilterNode) };
}

/** snake_case YAML keys -> the camelCase StringFilter of types.ts; absent keys stay absent. */
function toStringFilter(spec: StringFilterSpec): StringFilter {
  return {
    ...(spec.eq !== undefined && { eq: spec.eq }),
    ...(spec.neq !== undefined && { neq: spec.neq }),
    ...(spec.in !== undefined && { in: spec.in }),
    ...(spec.not_in !== undefined && { notIn: spec.not_in }),
    ...(spec.contains !== undefined && { contains: spec.contains }),
    ...(spec.is_null !== undefined && { isNull: spec.is_null }),
  };
}
