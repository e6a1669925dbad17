/**
 * UNKNOWN_DIMENSION / UNREACHABLE_JOIN for a metric's `filter`: every
 * dimension named exists and can be joined from the metric's model (a
 * metric on users cannot filter on platform, which lives on events).
 */
import type { DefinitionProblem } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import { modelsOf, type Draft } from '../draft';
import type { Locator, PathKey } from '../locate';
import { joinPath } from '../reachability';
import type { FilterNode, Metric, SemanticModel } from '../types';

export function checkMetricFilters(draft: Draft, problems: DefinitionProblem[]): void {
  const models = modelsOf(draft);
  for (const { def: metric, at } of draft.metrics.values()) {
    const filtered = filterOf(metric);
    if (!filtered) continue;
    const subject = { name: metric.name, model: filtered.model };
    walk(filtered.filter, ['filter'], (dimension, path) => checkDimension(draft, models, subject, dimension, at, path, problems));
  }
}

function filterOf(metric: Metric): { model: string; filter: FilterNode } | null {
  switch (metric.kind) {
    case 'ratio':
    case 'derived':
    case 'churn_rate':
    case 'inactive_users':
      return null;
    default:
      return metric.filter && { model: metric.model, filter: metric.filter };
  }
}

/** Visits each dimension of the filter tree with its YAML path (filter.and[0].platform). */
function walk(node: FilterNode, path: PathKey[], visit: (dimension: string, path: PathKey[]) => void): void {
  for (const dimension of node.dimensions.keys()) visit(dimension, [...path, dimension]);
  node.and.forEach((child, i) => walk(child, [...path, 'and', i], visit));
  node.or.forEach((child, i) => walk(child, [...path, 'or', i], visit));
}

function checkDimension(
  draft: Draft,
  models: ReadonlyMap<string, SemanticModel>,
  metric: { readonly name: string; readonly model: string },
  name: string,
  at: Locator,
  path: PathKey[],
  problems: DefinitionProblem[],
): void {
  const location = at(path, { key: true });
  const subject = `Metric "${metric.name}"`;
  const dimension = draft.dimensions.get(name)?.def;
  if (!dimension) {
    if (draft.brokenFields.has(name)) return;
    const message = draft.metrics.has(name)
      ? `${subject} filters on "${name}", which is a metric, not a dimension.`
      : `${subject} filters on unknown dimension "${name}".${didYouMean(name, draft.dimensions.keys())}`;
    problems.push({ code: 'UNKNOWN_DIMENSION', message, location });
    return;
  }
  // Unknown models are reported by their own rules; reachability needs them all.
  if (!models.has(metric.model) || !dimension.models.every((m) => models.has(m))) return;
  const unreachable = dimension.models.find((m) => joinPath(models, metric.model, m) === null);
  if (unreachable === undefined) return;
  problems.push({
    code: 'UNREACHABLE_JOIN',
    message:
      `${subject} on model "${metric.model}" cannot be filtered by dimension "${name}": ` +
      `it reads model "${unreachable}", which is not reachable by joins from "${metric.model}".`,
    location,
  });
}
