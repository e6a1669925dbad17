import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { LifecycleAnalysis } from '../catalog/types';
import { compileLifecycle, lifecyclePeriods, type LifecycleQuery } from '../execution';
import { camelCase } from '../util/names';
import type { CatalogTypes } from './catalog-types';
import { statementOf, type PulseContext } from './context';
import { resultMeta } from './result-meta';
import { toFilterNode } from './filter-input';
import { LifecycleResult } from './lifecycle-types';
import { TimeGrain, TimeRange, Weekday } from './static-types';
import { timeSpecOf } from './time-args';

/** The Query field of a lifecycle analysis (SPEC §6, §9), named after it. */
export function createLifecycleResolver(analysis: LifecycleAnalysis, types: CatalogTypes): new () => object {
  @Resolver()
  class LifecycleResolver {
    @Query(() => LifecycleResult, {
      name: camelCase(analysis.name),
      description: analysis.description || 'Users per whole bucket by state: new, retained, resurrected, dormant, churned.',
    })
    async lifecycle(
      @Arg('timeRange', () => TimeRange, { description: 'Every whole bucket that starts in or overlaps it is returned.' }) timeRange: TimeRange,
      @Arg('grain', () => TimeGrain, { nullable: true, description: 'Default WEEK.' }) grain: TimeGrain | null,
      @Arg('timezone', () => String, { nullable: true, description: 'IANA name; default UTC.' }) timezone: string | null,
      @Arg('weekStart', () => Weekday, { nullable: true, description: 'Default MONDAY.' }) weekStart: Weekday | null,
      @Arg('where', () => types.DimensionFilter, { nullable: true, description: 'Narrows the events that count as activity.' })
      where: unknown,
      @Ctx() context: PulseContext,
    ): Promise<LifecycleResult> {
      const query: LifecycleQuery = {
        ...timeSpecOf({ timeRange, grain: grain ?? TimeGrain.WEEK, timezone, weekStart }),
        where: toFilterNode(context.catalog, where),
      };
      const compiled = await context.compile((options) => compileLifecycle(context.catalog, analysis, query, options));
      const answer = await context.statements.load(statementOf(compiled));
      return { periods: lifecyclePeriods(answer.rows, query.timezone), sql: answer.sql, cached: answer.cached, meta: resultMeta(answer.meta, query.timezone) };
    }
  }
  return LifecycleResolver;
}
