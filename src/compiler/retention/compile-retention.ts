import { sql, type CompiledQuery } from 'kysely';
import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, RetentionAnalysis } from '../../catalog/types';
import { QueryError } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import { camelCase } from '../../util/names';
import { TimeSql } from '../buckets';
import type { Grain } from '../query';
import { model } from '../sources';
import { bucketCount, epochDay, validateTimeSpec } from '../time-range';
import { bucketOrdinalSql, bucketStartSql, stepSql } from '../lifecycle/bucket-grid';
import { checkFilterDimensions, compileStatement } from '../lifecycle/statement';
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
export function compileRetention(catalog: Catalog, analysis: RetentionAnalysis, query: RetentionQuery): { query: CompiledQuery } {
  validateTimeSpec(query);
  const grain = retentionGrain(query.grain);
  checkPeriods(query, grain);
  if (Number.isNaN(query.asOf.getTime())) throw new QueryError('asOf', 'is not a valid instant.');
  checkFilterDimensions(catalog, query.where, 'where');
  const routed = routeWhere(catalog, query.where, analysis.usersModel, analysis.activityModel);
  const time = new TimeSql(query);
  const ctx: CohortContext = {
    scope: { catalog, time, dimensions: [] },
    users: model(catalog, analysis.usersModel),
    activity: model(catalog, analysis.activityModel),
    asOf: sql<Date>`${query.asOf.toISOString()}::timestamptz`,
    cohortFilter: routed.cohort,
    activityFilter: routed.activity,
    breakdown: breakdownDimension(catalog, query.breakdown, analysis.usersModel),
  };
  const step = stepSql(grain);
  const first = bucketStartSql(grain, query.weekStart, time.localFrom);
  // The first bucket that starts inside the range: a range from a Wednesday has its first WEEK cohort on the next Monday.
  const firstInside = sql`(CASE WHEN ${first} < ${time.localFrom} THEN ${first} + ${step} ELSE ${first} END)`;
  // The wall-clock start of the k-th bucket after a cohort's, as an instant.
  const nth = (start: string, k: unknown) => time.instant(sql`(${sql.ref(start)} + ${step} * ${k})`);
  const offset = bucketOrdinalSql(time, grain, sql`cm.local_start`, sql`a.t`);
  const groups = ctx.breakdown
    ? sql`SELECT cm.local_start, cm.cohort_start, cm.breakdown, count(*)::int AS size
  FROM cohort_members AS cm
  GROUP BY 1, 2, 3`
    : sql`SELECT c.local_start, c.cohort_start, NULL::text AS breakdown, count(cm.user_id)::int AS size
  FROM cohorts AS c
  LEFT JOIN cohort_members AS cm ON cm.local_start = c.local_start
  GROUP BY 1, 2`;
  const statement = sql`WITH cohorts AS (
  SELECT s.local_start, ${time.instant(sql`s.local_start`)} AS cohort_start, ${nth('s.local_start', sql`1`)} AS cohort_end,
    ${nth('s.local_start', sql`${query.periods}::int`)} AS horizon
  FROM generate_series(${firstInside}, ${time.localTo} - interval '1 day', ${step}) AS s(local_start)
  WHERE ${time.instant(sql`s.local_start`)} <= ${ctx.asOf}
),
activity AS (
  ${activitySql(ctx, query.cohortBy)}
),
members AS (
  ${membersSql(ctx, query.cohortBy)}
),
cohort_members AS (
  SELECT c.local_start, c.cohort_start, c.horizon, m.user_id, m.breakdown
  FROM cohorts AS c
  JOIN members AS m ON m.joined_at >= c.cohort_start AND m.joined_at < c.cohort_end
),
offsets AS (
  -- Offsets whose bucket starts after asOf are left out.
  SELECT c.local_start, k.k AS period_offset, ${nth('c.local_start', sql`k.k`)} AS period_start
  FROM cohorts AS c
  CROSS JOIN generate_series(0, ${query.periods}::int - 1) AS k(k)
  WHERE ${nth('c.local_start', sql`k.k`)} <= ${ctx.asOf}
),
returns AS (
  -- Each member counts once per offset bucket they were active in.
  SELECT cm.local_start, cm.breakdown, ${offset} AS period_offset, count(DISTINCT cm.user_id)::int AS retained
  FROM cohort_members AS cm
  JOIN activity AS a ON a.user_id = cm.user_id AND a.t >= cm.cohort_start AND a.t < cm.horizon
  GROUP BY 1, 2, 3
),
groups AS (
  ${groups}
)
SELECT g.cohort_start AS cohort, g.breakdown, g.size, o.period_offset, o.period_start, coalesce(r.retained, 0) AS retained
FROM groups AS g
JOIN offsets AS o ON o.local_start = g.local_start
LEFT JOIN returns AS r
  ON r.local_start = g.local_start AND r.breakdown IS NOT DISTINCT FROM g.breakdown AND r.period_offset = o.period_offset
ORDER BY g.cohort_start, g.breakdown ASC NULLS LAST, o.period_offset`;
  return { query: compileStatement(statement) };
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
