import type { Analysis, AnalysisKind } from '../catalog/types';
import type { CatalogTypes } from './catalog-types';
import { createConversionResolver } from './conversion-resolver';
import { createFunnelResolver } from './funnel-resolver';
import { createLifecycleResolver } from './lifecycle-resolver';
import { createRetentionResolver } from './retention-resolver';
import { createUsersResolver } from './users-resolver';

/** Builds the Query field of one analysis (field name = camelCase(analysis.name)). */
export type AnalysisResolverFactory<A extends Analysis = Analysis> = (analysis: A, types: CatalogTypes) => new () => object;

/**
 * One factory per analysis kind; each lives in its own file next to its result types.
 * Every kind must be listed: the type checker finds a missing one.
 */
export const ANALYSIS_RESOLVERS: { [K in AnalysisKind]?: AnalysisResolverFactory<Extract<Analysis, { kind: K }>> } = { retention: createRetentionResolver, lifecycle: createLifecycleResolver, funnel: createFunnelResolver, conversion: createConversionResolver, user_list: createUsersResolver };

export function analysisResolvers(analyses: Iterable<Analysis>, types: CatalogTypes): Array<new () => object> {
  const out: Array<new () => object> = [];
  for (const analysis of analyses) {
    const factory = ANALYSIS_RESOLVERS[analysis.kind] as AnalysisResolverFactory | undefined;
    if (factory) out.push(factory(analysis, types));
  }
  return out;
}
