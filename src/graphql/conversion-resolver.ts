import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ConversionAnalysis } from '../catalog/types';
import { compileConversion, conversionCohortRows, type ConversionQuery } from '../execution';
import { camelCase } from '../util/names';
import { formatInstant } from '../util/time-format';
import type { CatalogTypes } from './catalog-types';
import { rawStatement, type PulseContext } from './context';
import { resultMeta } from './result-meta';
import { ConversionResult } from './conversion-types';
import { toFilterNode } from './filter-input';
import { DateTimeScalar } from './scalars';
import { TimeGrain, TimeRange, Weekday } from './static-types';
import { timeSpecOf } from './time-args';

/** "Now" to the minute, as retention's default asOf: repeated requests within a minute share a cache entry. */
function defaultAsOf(): Date {
  const now = Date.now();
  return new Date(now - (now % 60_000));
}

/** The Query field of a conversion analysis (SPEC §7), named after it. */
export function createConversionResolver(analysis: ConversionAnalysis, types: CatalogTypes): new () => object {
  @Resolver()
  class ConversionResolver {
    @Query(() => ConversionResult, {
      name: camelCase(analysis.name),
      description: analysis.description || `Conversion to a goal event (default ${analysis.defaultGoal}) by signup cohort.`,
    })
    async conversion(
      @Arg('timeRange', () => TimeRange, { description: 'Cohorts are the buckets of the grain that start inside it.' }) timeRange: TimeRange,
      @Arg('grain', () => TimeGrain, { nullable: true, description: 'Cohort size: DAY or longer; default WEEK.' }) grain: TimeGrain | null,
      @Arg('timezone', () => String, { nullable: true, description: 'IANA name; default UTC.' }) timezone: string | null,
      @Arg('weekStart', () => Weekday, { nullable: true, description: 'Default MONDAY.' }) weekStart: Weekday | null,
      @Arg('where', () => types.DimensionFilter, { nullable: true, description: 'On user dimensions: who is in the cohorts.' }) where: unknown,
      @Arg('goalEventType', () => String, { nullable: true, description: `Default ${analysis.defaultGoal}.` }) goalEventType: string | null,
      @Arg('windowDays', () => Int, { nullable: true, description: 'Count a conversion only within this many days of 24 h after signup; default: any time.' })
      windowDays: number | null,
      @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'Later signups, events and cohorts do not exist; default now (to the minute).' }) asOf: Date | null,
      @Ctx() context: PulseContext,
    ): Promise<ConversionResult> {
      const { catalog } = context;
      const query: ConversionQuery = {
        ...timeSpecOf({ timeRange, grain: grain ?? TimeGrain.WEEK, timezone, weekStart }),
        goalEventType: goalEventType ?? analysis.defaultGoal,
        windowDays: windowDays ?? null,
        asOf: (asOf ?? defaultAsOf()).toISOString(),
        where: toFilterNode(catalog, where),
      };
      const answer = await context.statements.load(rawStatement(compileConversion(catalog, analysis, query).query));
      const cohorts = conversionCohortRows(answer.rows).map((row) => ({ ...row, cohort: formatInstant(row.cohort, query.timezone) }));
      return { goalEventType: query.goalEventType, cohorts, sql: answer.sql, cached: answer.cached, meta: resultMeta(answer.meta, query.timezone) };
    }
  }
  return ConversionResolver;
}
