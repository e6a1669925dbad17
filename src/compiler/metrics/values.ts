import { sql, type RawBuilder } from 'kysely';
import type { Catalog, DerivedExpr, Metric } from '../../catalog/types';
import { assertNever } from '../../util/errors';

/** Kinds whose empty bucket is 0 (counts and means of counts); the rest are null when empty. */
const ZERO_WHEN_EMPTY: ReadonlySet<Metric['kind']> = new Set([
  'count',
  'count_distinct',
  'sum',
  'daily_mean',
  'trailing_distinct',
  'inactive_users',
  'session_count',
]);

/**
 * The final SELECT's expression for a metric: a base metric reads its CTE
 * column (0-filled where that is the metric's empty value); ratios and derived
 * metrics are arithmetic over those, null when a denominator is 0.
 */
export function metricValueSql(catalog: Catalog, name: string, cteOf: ReadonlyMap<string, string>): RawBuilder<number | null> {
  const metric = catalog.metrics.get(name);
  if (!metric) throw new Error(`Catalog has no metric ${name}`);
  switch (metric.kind) {
    case 'ratio':
      return divide(metricValueSql(catalog, metric.numerator, cteOf), metricValueSql(catalog, metric.denominator, cteOf));
    case 'derived':
      return derivedSql(catalog, metric.expr, cteOf);
    default: {
      const cte = cteOf.get(name);
      if (!cte) throw new Error(`No CTE computes ${name}`);
      const column = sql.id(cte, name);
      return ZERO_WHEN_EMPTY.has(metric.kind) ? sql`coalesce(${column}, 0)::float8` : sql`${column}::float8`;
    }
  }
}

function divide(numerator: RawBuilder<unknown>, denominator: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql`(${numerator} / NULLIF(${denominator}, 0))`;
}

function derivedSql(catalog: Catalog, expr: DerivedExpr, cteOf: ReadonlyMap<string, string>): RawBuilder<number | null> {
  switch (expr.kind) {
    case 'number':
      return sql`${expr.value}::float8`;
    case 'metric':
      return metricValueSql(catalog, expr.name, cteOf);
    case 'negate':
      return sql`(-${derivedSql(catalog, expr.operand, cteOf)})`;
    case 'binary': {
      const left = derivedSql(catalog, expr.left, cteOf);
      const right = derivedSql(catalog, expr.right, cteOf);
      if (expr.op === '/') return divide(left, right);
      return sql`(${left} ${sql.raw(expr.op)} ${right})`;
    }
    default:
      return assertNever(expr, 'derived expression');
  }
}
