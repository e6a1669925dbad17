/** How ratio and derived metrics depend on other metrics. */
import type { Catalog, DerivedExpr, Metric } from './types';

/** The metrics a metric reads directly, in order of appearance, each once ([] for base metrics). */
export function metricDependencies(metric: Metric): string[] {
  switch (metric.kind) {
    case 'ratio':
      return [...new Set([metric.numerator, metric.denominator])];
    case 'derived':
      return [...new Set(metricsInExpr(metric.expr))];
    default:
      return [];
  }
}

function metricsInExpr(expr: DerivedExpr): string[] {
  switch (expr.kind) {
    case 'number':
      return [];
    case 'metric':
      return [expr.name];
    case 'negate':
      return metricsInExpr(expr.operand);
    case 'binary':
      return [...metricsInExpr(expr.left), ...metricsInExpr(expr.right)];
  }
}

/**
 * The base metrics (neither ratio nor derived) that `name` is computed from,
 * added to `into` in depth-first order: itself when it is a base metric.
 * Names not in the catalog are skipped; a loaded catalog has no cycles.
 */
export function baseMetricsOf(catalog: Pick<Catalog, 'metrics'>, name: string, into: Set<string> = new Set()): Set<string> {
  const metric = catalog.metrics.get(name);
  if (!metric) return into;
  const dependencies = metricDependencies(metric);
  if (metric.kind !== 'ratio' && metric.kind !== 'derived') into.add(name);
  for (const dependency of dependencies) baseMetricsOf(catalog, dependency, into);
  return into;
}
