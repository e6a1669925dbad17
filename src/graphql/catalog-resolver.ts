import { Ctx, Query, Resolver } from 'type-graphql';
import { dimensionReachableFrom } from '../catalog/reachability';
import { baseMetricsOf } from '../catalog/dependencies';
import type { BaseMetric, Catalog, Metric } from '../catalog/types';
import { camelCase } from '../util/names';
import type { PulseContext } from './context';
import { type CatalogDimension, CatalogInfo, type CatalogMetric } from './static-types';

@Resolver()
export class CatalogResolver {
  @Query(() => CatalogInfo, { description: 'Metrics and dimensions with descriptions, types and reachability.' })
  catalog(@Ctx() context: PulseContext): CatalogInfo {
    return describeCatalog(context.catalog);
  }
}

export function describeCatalog(catalog: Catalog): CatalogInfo {
  const reach = new Map([...catalog.metrics.values()].map((m) => [m.name, reachableDimensions(catalog, m)]));
  const metrics = [...catalog.metrics.values()].map(
    (m): CatalogMetric => ({
      name: camelCase(m.name),
      definitionName: m.name,
      description: m.description,
      kind: m.kind,
      type: 'Float',
      models: [...new Set(baseMetrics(catalog, m).map((b) => b.model))],
      dimensions: (reach.get(m.name) ?? []).map(camelCase),
      expression: m.kind === 'ratio' ? `${m.numerator} / ${m.denominator}` : m.kind === 'derived' ? m.exprText : null,
    }),
  );
  const dimensions = [...catalog.dimensions.values()].map(
    (d): CatalogDimension => ({
      name: camelCase(d.name),
      definitionName: d.name,
      description: d.description,
      type: 'String',
      model: d.model,
      metrics: [...reach.entries()].filter(([, dims]) => dims.includes(d.name)).map(([m]) => camelCase(m)),
    }),
  );
  return { metrics, dimensions, version: catalog.hash };
}

/** Dimensions every base metric under `metric` can reach. */
function reachableDimensions(catalog: Catalog, metric: Metric): string[] {
  const bases = baseMetrics(catalog, metric);
  return [...catalog.dimensions.values()]
    .filter((d) => bases.every((b) => dimensionReachableFrom(catalog, d, b.model)))
    .map((d) => d.name);
}

function baseMetrics(catalog: Catalog, metric: Metric): BaseMetric[] {
  return [...baseMetricsOf(catalog, metric.name)].map((name) => catalog.metrics.get(name) as BaseMetric);
}
