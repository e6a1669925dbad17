import { sql, type CompiledQuery } from 'kysely';
import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, FilterNode, LifecycleAnalysis } from '../../catalog/types';
import { QueryError } from '../../util/errors';
import { camelCase } from '../../util/names';
import { TimeSql } from '../buckets';
import { postgres } from '../dialect';
import { filterDimensions } from '../dimension-sql';
import { martTable, zoneOf } from '../marts/layout';
import { matchLifecycle, type Decision } from '../marts/match-common';
import { NO_MARTS } from '../marts/state';
import type { CompileOptions } from '../options';
import type { TimeSpec } from '../query';
import { provenanceOf, type Provenance } from '../source';
import { model, type Scope } from '../sources';
import { checkFilterDimensions, compileStatement } from '../statement';
import { validateTimeSpec } from '../time-range';
import { userActivitySql, type UserActivityStep } from '../user-activity';

/** A lifecycle request (SPEC §6) in catalog names; the resolver fills the defaults. */
export interface LifecycleQuery extends TimeSpec {
  readonly where: FilterNode | null;
}

export interface CompiledLifecycle {
  /** Output columns: period (timestamptz) then the five state counts (LIFECYCLE_STATES), as ints. */
  readonly query: CompiledQuery;
  readonly provenance: Provenance;
  readonly decision: Decision;
}

export const LIFECYCLE_STATES = ['new', 'retained', 'resurrected', 'dormant', 'churned'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/**
 * (Catalog, analysis, query, marts) -> SQL with one row per whole bucket that
 * starts in or overlaps the range. Pure. Each user's active buckets are
 * numbered on one grid (the range's first bucket is 0, history is negative)
 * and compared with the previous active bucket (lag), so every count is a
 * GROUP BY:
 *
 *   new(P)         = users whose first active bucket is P
 *   retained(P)    = active in P, previous active bucket P-1
 *   resurrected(P) = active in P, previous active bucket before P-1
 *   dormant(P)     = active(P-1) - retained(P)
 *   churned(P)     = users first active by P-2, minus those active in P-1
 *                    (active(P-1) - new(P-1)), minus resurrected(P)
 */
export function compileLifecycle(catalog: Catalog, analysis: LifecycleAnalysis, query: LifecycleQuery, options: CompileOptions = {}): CompiledLifecycle {
  validateTimeSpec(query);
  const grain = query.grain;
  if (grain === null) throw new QueryError('grain', 'lifecycle needs a grain (HOUR, DAY, WEEK, MONTH, QUARTER or YEAR).');
  checkFilterDimensions(catalog, query.where, 'where');
  const activity = model(catalog, analysis.activityModel);
  for (const name of query.where ? filterDimensions(query.where) : []) {
    if (!dimensionReachableFrom(catalog, catalog.dimensions.get(name) as Dimension, activity.name)) {
      throw new QueryError('where', `lifecycle cannot be filtered by dimension "${camelCase(name)}": it is not reachable from ${activity.name}.`);
    }
  }
  const time = new TimeSql(query, options.dialect ?? postgres);
  const scope: Scope = { catalog, time, dimensions: [] };
  const decision = matchLifecycle(catalog, options.marts ?? NO_MARTS, activity.name, query, grain, query.where);
  const step: UserActivityStep = {
    activity,
    grain,
    origin: grain === 'HOUR' ? time.localFrom : time.bucketStart(grain, time.localFrom),
    // Every active bucket of every user from the start of the data: "new" means first ever.
    from: null,
    until: grain === 'HOUR' ? time.localTo : sql`(${time.bucketStart(grain, sql`(${time.localTo} - interval '1 day')`)} + ${time.step(grain)})`,
    asOf: null,
    filter: query.where,
    source: decision.source,
  };
  const source = decision.source;
  const perBucket =
    source.kind === 'mart' && source.mart.kind === 'lifecycle'
      ? sql`per_bucket AS (
  -- Counted per bucket by the lifecycle mart; every bucket of the data before the range's end.
  SELECT ${time.dialect.bucketOrdinal(grain, query.weekStart, step.origin, time.dialect.startOfDay(sql`l.bucket`), { instant: sql`l.bucket`, tz: time.tz })} AS ordinal,
    l.active, l.new, l.retained, l.resurrected
  FROM ${martTable(source.mart, 'l')}
  WHERE ${zoneOf(source.mart, 'l', query.timezone, query.weekStart)} AND l.bucket < ${time.dialect.date(step.until)}
)`
      : sql`active AS MATERIALIZED (
  -- Grouped on its own (hash, parallel) before the window sorts the far fewer (user, bucket) rows.
  ${userActivitySql(scope, step)}
),
marked AS (
  SELECT ordinal, ordinal - lag(ordinal) OVER (PARTITION BY user_id ORDER BY ordinal) AS gap
  FROM active
),
per_bucket AS (
  SELECT ordinal, count(*) AS active, ${time.dialect.filtered(sql`count(*)`, sql`gap IS NULL`)} AS new,
    ${time.dialect.filtered(sql`count(*)`, sql`gap = 1`)} AS retained, ${time.dialect.filtered(sql`count(*)`, sql`gap > 1`)} AS resurrected
  FROM marked
  GROUP BY ordinal
)`;
  const statement = sql`WITH buckets AS (
  ${time.calendar('overlapping', grain)}
),
${perBucket}
SELECT b.period,
  coalesce(p.new, 0)::int AS new,
  coalesce(p.retained, 0)::int AS retained,
  coalesce(p.resurrected, 0)::int AS resurrected,
  (coalesce(prev.active, 0) - coalesce(p.retained, 0))::int AS dormant,
  (coalesce(seen.users, 0) - (coalesce(prev.active, 0) - coalesce(prev.new, 0)) - coalesce(p.resurrected, 0))::int AS churned
FROM buckets AS b
LEFT JOIN per_bucket AS p ON p.ordinal = b.ordinal
LEFT JOIN per_bucket AS prev ON prev.ordinal = b.ordinal - 1
${time.dialect.lateralJoin(sql`SELECT sum(q.new) AS users FROM per_bucket AS q WHERE q.ordinal <= b.ordinal - 2`, 'seen', true)}
ORDER BY b.ordinal`;
  return { query: compileStatement(statement), provenance: provenanceOf([decision.source]), decision };
}
