/**
 * Which models a query on one model can reach. Joins are many-to-one, so
 * following them never multiplies rows: events -> users -> plans is safe,
 * users -> events is not a join at all.
 */
import type { BaseMetric, Catalog, Dimension, Join, SemanticModel } from './types';

/** One hop of a join path: the join as declared on model `from`. */
export interface JoinStep {
  readonly from: string;
  readonly join: Join;
}

/** The shortest chain of joins from `from` to `to` (BFS, joins in declared order); [] when equal, null when unreachable. */
export function joinPath(models: ReadonlyMap<string, SemanticModel>, from: string, to: string): JoinStep[] | null {
  if (from === to) return [];
  const cameFrom = new Map<string, JoinStep>();
  const queue = [from];
  const seen = new Set([from]);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const join of models.get(next)?.joins ?? []) {
      if (seen.has(join.model)) continue;
      seen.add(join.model);
      cameFrom.set(join.model, { from: next, join });
      if (join.model === to) return pathTo(cameFrom, from, to);
      queue.push(join.model);
    }
  }
  return null;
}

function pathTo(cameFrom: ReadonlyMap<string, JoinStep>, from: string, to: string): JoinStep[] {
  const steps: JoinStep[] = [];
  for (let step = cameFrom.get(to); step; step = step.from === from ? undefined : cameFrom.get(step.from)) {
    steps.unshift(step);
  }
  return steps;
}

/** True when every model the dimension reads can be joined from `baseModel`. */
export function dimensionReachableFrom(
  catalog: Pick<Catalog, 'models'>,
  dimension: Dimension,
  baseModel: string,
): boolean {
  return dimension.models.every((model) => joinPath(catalog.models, baseModel, model) !== null);
}

/** The model whose dimensions a base metric can be grouped and filtered by. */
export function metricSubjectModel(metric: BaseMetric): string {
  return metric.model;
}
