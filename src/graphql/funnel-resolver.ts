import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { FunnelAnalysis } from '../catalog/types';
import { compileFunnel, funnelStepRows, type FunnelQuery } from '../execution';
import { camelCase } from '../util/names';
import type { CatalogTypes } from './catalog-types';
import { rawStatement, type PulseContext } from './context';
import { resultMeta } from './result-meta';
import { toFilterNode } from './filter-input';
import { FunnelResult, funnelStepInput, type FunnelStepInput } from './funnel-types';
import { TimeRange } from './static-types';

/** The Query field of a funnel analysis (SPEC §7, §9), named after it. */
export function createFunnelResolver(analysis: FunnelAnalysis, types: CatalogTypes): new () => object {
  const FunnelStep = funnelStepInput(types);

  @Resolver()
  class FunnelResolver {
    @Query(() => FunnelResult, {
      name: camelCase(analysis.name),
      description:
        analysis.description ||
        'Ordered funnel: users entering on a step-1 event in timeRange, counted once at the furthest step reached within the window.',
    })
    async funnel(
      @Arg('steps', () => [FunnelStep], { description: '1 to 20 steps, in order.' }) steps: FunnelStepInput[],
      @Arg('timeRange', () => TimeRange, { description: 'Where step-1 events (entries) must fall.' }) timeRange: TimeRange,
      @Arg('windowDays', () => Int, { nullable: true, description: `Days of 24 h after the entry; default ${analysis.defaultWindowDays}.` })
      windowDays: number | null,
      @Arg('timezone', () => String, { nullable: true, description: 'IANA name; default UTC.' }) timezone: string | null,
      @Arg('where', () => types.DimensionFilter, { nullable: true, description: 'Applies to the events of every step.' }) where: unknown,
      @Arg('breakdown', () => types.Dimension, { nullable: true }) breakdown: string | null,
      @Ctx() context: PulseContext,
    ): Promise<FunnelResult> {
      const { catalog } = context;
      const query: FunnelQuery = {
        steps: steps.map((s) => ({ eventType: s.eventType, where: toFilterNode(catalog, s.where) })),
        timeRange: { from: timeRange.from, to: timeRange.to },
        timezone: timezone ?? 'UTC',
        windowDays: windowDays ?? analysis.defaultWindowDays,
        where: toFilterNode(catalog, where),
        breakdown: breakdown ?? null,
      };
      const answer = await context.statements.load(rawStatement(compileFunnel(catalog, analysis, query).query));
      return {
        steps: funnelStepRows(answer.rows, query.steps),
        windowDays: query.windowDays,
        sql: answer.sql,
        cached: answer.cached,
        meta: resultMeta(answer.meta, query.timezone),
      };
    }
  }
  return FunnelResolver;
}
