/** The catalog's public API: load metrics/ into a frozen, validated Catalog. */
export type * from './types';
export type * from './data-test-types';
export { parseCatalog, loadCatalog } from './load';
export { joinPath, dimensionReachableFrom, metricSubjectModel, type JoinStep } from './reachability';
export { baseMetricsOf, metricDependencies } from './dependencies';
export { catalogJsonSchema, catalogJsonSchemaText } from './json-schema';
export { sha256 } from './normalise-mart';
