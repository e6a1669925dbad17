import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, RetentionAnalysis, RetentionMart } from '../../catalog/types';
import { QueryError } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import { camelCase } from '../../util/names';
import { TimeSql } from '../buckets';
import { postgres } from '../dialect';
import { martTable, zoneOf } from '../marts/layout';
import { matchRetention, type Decision } from '../marts/match-common';
import { NO_MARTS } from '../marts/state';
import type { CompileOptions } from '../options';
import type { Grain } from '../query';
import { provenanceOf, type Provenance } from '../source';
import { model, tableAs } from '../sources';
import { bucketCount, epochDay, validateTimeSpec } from '../time-range';
import { checkFilterDimensions, compileStatement } from '../statement';
import { activitySql, membersSql, type CohortContext } from './cohort-sql';
import { RETENTION_GRAINS, RETENTION_LIMITS, type RetentionQuery } from './query';
import { routeWhere } from './route-where';

/**
 * (Catalog, analysis, query) -> SQL with one row per cohort (and breakdown
 * value) and offset: cohort, breakdown, size, period_offset, period_start,
 * retained; ordered by cohort, breakdown (nulls last), offset. Pure: asOf
 * is an argument.
 *
 * Cohorts are the whole buckets that start inside the range (and not after
 * asOf). Without a breakdown every cohort is returned, empty ones with size
 * 0; with one, only the (cohort, value) pairs that have members, like the
 * groups of a metrics query.
 */
export interface CompiledRetention {
  readonly query: CompiledQuery;
  readonly provenance: Provenance;
  readonly decision: Decision;
}

export function compileRetention(catalog: Catalog, analysis: RetentionAnalysis, query: RetentionQuery, options: CompileOptions = {}): CompiledRetention {
  validateTimeSpec(query);
  const grain = retentionGrain(query.grain);
  checkPeriods(query, grain);
  if (Number.isNaN(query.asOf.getTime())) throw new QueryError('asOf', 'is not a valid instant.');
  checkFilterDimensions(catalog, query.where, 'where');
  const routed = routeWhere(catalog, query.where, analysis.usersModel, analysis.activityModel);
  const time = new TimeSql(query, options.dialect ?? postgres);
  const step = time.step(grain);
  // Cohorts start inside the range: the first bucket starting on or after `from` holds from + step - 1 day
  // (from a Wednesday, the next Monday; from Jan 31, Feb 1).
  const firstInside = time.bucketStart(grain, sql`(${time.localFrom} + ${step} - interval '1 day')`);
  const activity = model(catalog, analysis.activityModel);
  const decision = matchRetention(catalog, options.marts ?? NO_MARTS, activity.name, {
    spec: query,
    grain,
    signupCohorts: query.cohortBy === 'SIGNUP',
    byUsers: routed.cohort !== null || query.breakdown !== null,
    activityFilter: routed.activity !== null,
    asOf: query.asOf,
  });
  const asOf = time.dialect.timestamp(query.asOf.toISOString());
  const ctx: CohortContext = {
    scope: { catalog, time, dimensions: [] },
    users: model(catalog, analysis.usersModel),
    asOf,
    ordinal: (instant) => time.ordinal(grain, firstInside, instant),
    start: time.instant(firstInside),
    cohortFilter: routed.cohort,
    activity: {
      activity,
      grain,
      origin: firstInside,
      from: firstInside,
      // Bounds are constants, not subqueries, so the planner can estimate the scan of activity.
      until: sql`(${time.bucketStart(grain, sql`(${time.localTo} - interval '1 day')`)} + ${time.step(grain, sql`${query.periods}::int`)})`,
      asOf,
      filter: routed.activity,
      source: decision.source,
    },
    breakdown: breakdownDimension(catalog, query.breakdown, analysis.usersModel),
  };
  // The k-th bucket after the one starting at wall-clock `start`, as an instant.
  const nth = (start: RawBuilder<unknown>, k: RawBuilder<unknown>) => time.instant(sql`(${start} + ${step} * ${k})`);
  const mart = fromRetentionMart(decision);
  const signup = sql.id(ctx.users.name, ctx.users.timeColumn ?? '');
  // From a mart (signup cohorts, no breakdown or filter): each size is a range count on signup time, an index scan,
  // instead of every member's bucket computed and joined (150 ms at 200k users).
  const groups = mart
    ? sql`SELECT c.ordinal, NULL::text AS breakdown, count(${signup})::int AS size
  FROM cohorts AS c
  LEFT JOIN ${tableAs(ctx.users)} ON ${signup} >= c.bucket_start AND ${signup} < c.bucket_end AND ${signup} <= ${ctx.asOf}
  GROUP BY 1`
    : ctx.breakdown
    ? sql`SELECT m.ordinal, m.breakdown, count(*)::int AS size
  FROM cohort_members AS m
  GROUP BY 1, 2`
    : sql`SELECT c.ordinal, NULL::text AS breakdown, count(m.user_id)::int AS size
  FROM cohorts AS c
  LEFT JOIN cohort_members AS m ON m.ordinal = c.ordinal
  GROUP BY 1`;
  // Everything is on one grid of whole buckets: cohort c is ordinal c, and offset k of it is ordinal c + k.
  const statement = sql`WITH cohorts AS (
  SELECT c.ordinal, c.local_start, c.period AS cohort_start, c.bucket_start, c.bucket_end
  FROM (${time.calendar('inside', grain)}) AS c
  WHERE c.period <= ${ctx.asOf}
),
${mart ? sql`` : sql`activity AS (
  ${activitySql(ctx, query.cohortBy)}
),
members AS (
  ${membersSql(ctx, query.cohortBy)}
),
cohort_members AS (
  SELECT m.user_id, m.ordinal, m.breakdown
  FROM members AS m
  JOIN cohorts AS c ON c.ordinal = m.ordinal
),
`}
offsets AS (
  -- Offsets whose bucket starts after asOf are left out.
  SELECT c.ordinal, c.cohort_start, k.k AS period_offset, ${nth(sql`c.local_start`, sql`k.k`)} AS period_start
  FROM cohorts AS c
  CROSS JOIN ${time.dialect.integers(sql`${query.periods}::int`, 'k')}
  WHERE ${nth(sql`c.local_start`, sql`k.k`)} <= ${ctx.asOf}
),
returns AS (
  ${returnsSql(ctx, decision, query.periods, firstInside)}
),
groups AS (
  ${groups}
)
SELECT o.cohort_start AS cohort, g.breakdown, g.size, o.period_offset, o.period_start, coalesce(r.retained, 0) AS retained
FROM groups AS g
JOIN offsets AS o ON o.ordinal = g.ordinal
LEFT JOIN returns AS r
  ON r.ordinal = g.ordinal AND r.breakdown IS NOT DISTINCT FROM g.breakdown AND r.period_offset = o.period_offset
ORDER BY g.ordinal, g.breakdown ASC NULLS LAST, o.period_offset`;
  return { query: compileStatement(statement), provenance: provenanceOf([decision.source]), decision };
}

function fromRetentionMart(decision: Decision): RetentionMart | null {
  const { source } = decision;
  return source.kind === 'mart' && source.mart.kind === 'retention' ? source.mart : null;
}

/**
 * (cohort ordinal, breakdown, offset, retained): from the members' activity,
 * or read from a retention mart, which counts every member of a signup
 * cohort active in each later bucket (the matcher checked that nothing
 * happened after asOf and that the cohorts are not narrowed).
 */
function returnsSql(ctx: CohortContext, decision: Decision, periods: number, firstInside: RawBuilder<unknown>): RawBuilder<unknown> {
  const mart = fromRetentionMart(decision);
  const { time } = ctx.scope;
  if (mart) {
    const spec = time.spec;
    const ordinal = time.dialect.bucketOrdinal(ctx.activity.grain, spec.weekStart, firstInside, time.dialect.startOfDay(sql`r.bucket`), { instant: sql`r.bucket`, tz: time.tz });
    return sql`SELECT c.ordinal, NULL::text AS breakdown, ${ordinal} - c.ordinal AS period_offset, r.retained::int AS retained
  FROM cohorts AS c
  JOIN ${martTable(mart, 'r')} ON ${zoneOf(mart, 'r', spec.timezone, spec.weekStart)} AND r.cohort = (c.local_start)::date
  WHERE ${ordinal} - c.ordinal < ${periods}::int`;
  }
  return sql`-- A user's ordinals are distinct, so count(*) counts members.
  SELECT m.ordinal, m.breakdown, o.ordinal - m.ordinal AS period_offset, count(*)::int AS retained
  FROM cohort_members AS m
  JOIN activity AS a ON a.user_id = m.user_id
  ${time.dialect.unnestJoin(sql`a.ordinals`, 'o', 'ordinal')}
  WHERE o.ordinal >= m.ordinal AND o.ordinal < m.ordinal + ${periods}::int
  GROUP BY 1, 2, 3`;
}

function retentionGrain(grain: Grain | null): Grain {
  const allowed: readonly string[] = RETENTION_GRAINS;
  if (grain === null || !allowed.includes(grain)) {
    throw new QueryError('grain', `retention cohorts are DAY, WEEK or MONTH buckets; got ${grain ?? 'none'}.`);
  }
  return grain;
}

function checkPeriods(query: RetentionQuery, grain: Grain): void {
  const { periods } = query;
  if (!Number.isInteger(periods) || periods < 1 || periods > RETENTION_LIMITS.maxPeriods) {
    throw new QueryError('periods', `must be between 1 and ${RETENTION_LIMITS.maxPeriods}; got ${periods}.`);
  }
  const cohorts = bucketCount(epochDay(query.timeRange.from) ?? 0, epochDay(query.timeRange.to) ?? 0, { grain, weekStart: query.weekStart });
  if (cohorts * periods > RETENTION_LIMITS.maxCells) {
    throw new QueryError('periods', `${cohorts} cohorts x ${periods} periods is more than ${RETENTION_LIMITS.maxCells}; ask for fewer periods or a shorter timeRange.`);
  }
}

/** The breakdown must split users, so it has to be reachable from the users model. */
function breakdownDimension(catalog: Catalog, name: string | null, usersModel: string): Dimension | null {
  if (name === null) return null;
  const found = catalog.dimensions.get(name);
  if (!found) throw new QueryError('breakdown', `unknown dimension "${camelCase(name)}".${didYouMean(name, catalog.dimensions.keys())}`);
  if (!dimensionReachableFrom(catalog, found, usersModel)) {
    throw new QueryError('breakdown', `retention cohorts (model ${usersModel}) cannot be broken down by dimension "${camelCase(name)}": it is not reachable from ${usersModel}.`);
  }
  return found;
}
