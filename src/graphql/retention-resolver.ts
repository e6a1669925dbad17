import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RetentionAnalysis } from '../catalog/types';
import { compileRetention, retentionCohorts, type RetentionQuery } from '../execution';
import { camelCase } from '../util/names';
import type { CatalogTypes } from './catalog-types';
import { statementOf, type PulseContext } from './context';
import { resultMeta } from './result-meta';
import { toFilterNode } from './filter-input';
import { CohortBy, RetentionResult } from './retention-types';
import { DateTimeScalar } from './scalars';
import { TimeGrain, TimeRange, Weekday } from './static-types';
import { timeSpecOf } from './time-args';

/**
 * "Now" for a request without asOf, to the minute: the compiler is pure and
 * asOf is one of its parameters, so a whole-minute default lets repeated
 * dashboard requests share one cache entry.
 */
function defaultAsOf(): Date {
  const now = new Date();
  return new Date(now.getTime() - (now.getTime() % 60_000));
}

/** The Query field of a retention analysis (SPEC §5, §9), named after it. */
export function createRetentionResolver(analysis: RetentionAnalysis, types: CatalogTypes): new () => object {
  @Resolver()
  class RetentionResolver {
    @Query(() => RetentionResult, {
      name: camelCase(analysis.name),
      description: analysis.description || 'Cohort retention: per cohort bucket, the members active in each later bucket.',
    })
    async retention(
      @Arg('timeRange', () => TimeRange, { description: 'Cohorts are the whole buckets that start inside it.' }) timeRange: TimeRange,
      @Arg('grain', () => TimeGrain, { nullable: true, description: 'DAY, WEEK (default) or MONTH.' }) grain: TimeGrain | null,
      @Arg('periods', () => Int, { nullable: true, description: `Offsets 0..periods-1 per cohort; default ${analysis.defaultPeriods}.` })
      periods: number | null,
      @Arg('cohort', () => CohortBy, { nullable: true, description: 'Default SIGNUP.' }) cohort: CohortBy | null,
      @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'Later activity does not count; default now (to the minute).' })
      asOf: Date | null,
      @Arg('timezone', () => String, { nullable: true, description: 'IANA name; default UTC.' }) timezone: string | null,
      @Arg('weekStart', () => Weekday, { nullable: true, description: 'Default MONDAY.' }) weekStart: Weekday | null,
      @Arg('where', () => types.DimensionFilter, {
        nullable: true,
        description: 'Terms on user dimensions narrow the cohorts; terms that need events narrow which events count as activity.',
      })
      where: unknown,
      @Arg('breakdown', () => types.Dimension, { nullable: true, description: 'A user dimension that splits every cohort.' })
      breakdown: string | null,
      @Ctx() context: PulseContext,
    ): Promise<RetentionResult> {
      const { catalog } = context;
      const query: RetentionQuery = {
        ...timeSpecOf({ timeRange, grain: grain ?? TimeGrain.WEEK, timezone, weekStart }),
        periods: periods ?? analysis.defaultPeriods,
        cohortBy: cohort ?? CohortBy.SIGNUP,
        asOf: asOf ?? defaultAsOf(),
        where: toFilterNode(catalog, where),
        breakdown: breakdown ?? null,
      };
      const compiled = await context.compile((options) => compileRetention(catalog, analysis, query, options));
      const answer = await context.statements.load(statementOf(compiled));
      return { cohorts: retentionCohorts(answer.rows, query.timezone), sql: answer.sql, cached: answer.cached, meta: resultMeta(answer.meta, query.timezone) };
    }
  }
  return RetentionResolver;
}
