import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, FilterNode, LifecycleAnalysis } from '../../catalog/types';
import { QueryError } from '../../util/errors';
import { camelCase } from '../../util/names';
import { TimeSql } from '../buckets';
import { filterDimensions } from '../dimension-sql';
import type { Grain, TimeSpec } from '../query';
import { joinsSql, model, modelsFor, tableAs, whereSql, type Scope } from '../sources';
import { validateTimeSpec } from '../time-range';
import { bucketOrdinalSql, bucketStartSql, stepSql, wholeRangeEndSql } from '../bucket-grid';
import { checkFilterDimensions, compileStatement } from '../statement';

/** A lifecycle request (SPEC §6) in catalog names; the resolver fills the defaults. */
export interface LifecycleQuery extends TimeSpec {
  readonly where: FilterNode | null;
}

export interface CompiledLifecycle {
  /** Output columns: period (timestamptz) then the five state counts (LIFECYCLE_STATES), as ints. */
  readonly query: CompiledQuery;
}

export const LIFECYCLE_STATES = ['new', 'retained', 'resurrected', 'dormant', 'churned'] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/**
 * (Catalog, analysis, query) -> SQL with one row per whole bucket that starts
 * in or overlaps the range. Pure. Each user's active buckets are numbered on
 * one grid (the range's first bucket is 0, history is negative) and compared
 * with the previous active bucket (lag), so every count is a GROUP BY:
 *
 *   new(P)         = users whose first active bucket is P
 *   retained(P)    = active in P, previous active bucket P-1
 *   resurrected(P) = active in P, previous active bucket before P-1
 *   dormant(P)     = active(P-1) - retained(P)
 *   churned(P)     = users first active by P-2, minus those active in P-1
 *                    (active(P-1) - new(P-1)), minus resurrected(P)
 */
export function compileLifecycle(catalog: Catalog, analysis: LifecycleAnalysis, query: LifecycleQuery): CompiledLifecycle {
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
  const time = new TimeSql(query);
  const scope: Scope = { catalog, time, dimensions: [] };
  const origin = grain === 'HOUR' ? time.localFrom : bucketStartSql(grain, query.weekStart, time.localFrom);
  const at = sql.id(activity.name, activity.timeColumn ?? '');
  const user = sql.id(activity.name, activity.userKey ?? '');
  const ordinal = bucketOrdinalSql(time, grain, origin, at);
  const statement = sql`WITH buckets AS (
  ${wholeBuckets(time, grain, origin)}
),
active AS MATERIALIZED (
  -- Every active bucket of every user from the start of the data: "new" means first ever.
  -- Grouped on its own (hash, parallel) before the window sorts the far fewer (user, bucket) rows.
  SELECT ${user} AS user_id, ${ordinal} AS ordinal
  FROM ${tableAs(activity)}
  ${joinsSql(catalog, activity.name, modelsFor(catalog, [], [query.where]))}
  ${whereSql(scope, [query.where], [sql`${at} < ${wholeRangeEndSql(time, grain)}`])}
  GROUP BY 1, 2
),
marked AS (
  SELECT ordinal, ordinal - lag(ordinal) OVER (PARTITION BY user_id ORDER BY ordinal) AS gap
  FROM active
),
per_bucket AS (
  SELECT ordinal, count(*) AS active, count(*) FILTER (WHERE gap IS NULL) AS new,
    count(*) FILTER (WHERE gap = 1) AS retained, count(*) FILTER (WHERE gap > 1) AS resurrected
  FROM marked
  GROUP BY ordinal
)
SELECT b.period,
  coalesce(p.new, 0)::int AS new,
  coalesce(p.retained, 0)::int AS retained,
  coalesce(p.resurrected, 0)::int AS resurrected,
  (coalesce(prev.active, 0) - coalesce(p.retained, 0))::int AS dormant,
  (coalesce(seen.users, 0) - (coalesce(prev.active, 0) - coalesce(prev.new, 0)) - coalesce(p.resurrected, 0))::int AS churned
FROM buckets AS b
LEFT JOIN per_bucket AS p ON p.ordinal = b.ordinal
LEFT JOIN per_bucket AS prev ON prev.ordinal = b.ordinal - 1
LEFT JOIN LATERAL (
  SELECT sum(q.new) AS users FROM per_bucket AS q WHERE q.ordinal <= b.ordinal - 2
) AS seen ON TRUE
ORDER BY b.ordinal`;
  return { query: compileStatement(statement) };
}

/** Every whole bucket that starts in or overlaps the range: ordinal (0 = first) and period (start instant). */
function wholeBuckets(time: TimeSql, grain: Grain, origin: RawBuilder<unknown>): RawBuilder<unknown> {
  if (grain === 'HOUR') {
    return sql`SELECT (s.n - 1)::int AS ordinal, s.t AS period
  FROM generate_series(${time.instant(time.localFrom)}, ${time.instant(time.localTo)} - interval '1 hour', interval '1 hour') WITH ORDINALITY AS s(t, n)`;
  }
  const step = stepSql(grain);
  return sql`SELECT (s.n - 1)::int AS ordinal, ${time.instant(sql`s.local_start`)} AS period
  FROM generate_series(${origin}, ${time.localTo} - interval '1 day', ${step}) WITH ORDINALITY AS s(local_start, n)`;
}

