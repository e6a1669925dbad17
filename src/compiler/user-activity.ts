import { sql, type RawBuilder } from 'kysely';
import type { FilterNode, SemanticModel } from '../catalog/types';
import type { Sql } from './dialect';
import { martTable, zoneOf } from './marts/layout';
import { userJoinsSql } from './marts/user-joins';
import type { Grain } from './query';
import type { Source } from './source';
import { joinsSql, modelsFor, tableAs, whereSql, type Scope } from './sources';

/**
 * The shared "user activity per bucket" step (lifecycle, retention): each
 * user's active buckets of `grain`, numbered on one grid (bucket 0 starts at
 * wall-clock `origin`), once each. Read from the activity model's rows, or
 * from a user_activity mart whose buckets make up the grain's (the matcher
 * checks that): bounds are bucket boundaries, and a bucket counts as active
 * up to `asOf` when its first event is not later.
 */
export interface UserActivityStep {
  readonly activity: SemanticModel;
  readonly grain: Grain;
  readonly origin: Sql;
  /** Wall-clock bounds, boundaries of the grain: activity at or after `from` (when given) and before `until`. */
  readonly from: Sql | null;
  readonly until: Sql;
  /** Activity later than this instant does not count. */
  readonly asOf: RawBuilder<Date> | null;
  /** Narrows which rows count as activity. */
  readonly filter: FilterNode | null;
  readonly source: Source;
}

/** SELECT user_id, ordinal: one row per user and active bucket. */
export function userActivitySql(scope: Scope, step: UserActivityStep): RawBuilder<unknown> {
  const { time } = scope;
  if (step.source.kind === 'mart') {
    const mart = step.source.mart;
    if (mart.kind !== 'user_activity') throw new Error(`mart ${mart.name} is not a user_activity mart`);
    const { dialect } = time;
    const bounds = [zoneOf(mart, 'a', time.spec.timezone, time.spec.weekStart), sql`a.bucket < ${dialect.date(step.until)}`];
    if (step.from) bounds.push(sql`a.bucket >= ${dialect.date(step.from)}`);
    if (step.asOf) bounds.push(sql`a.first_at <= ${step.asOf}`);
    const ordinal = dialect.bucketOrdinal(step.grain, time.spec.weekStart, step.origin, dialect.startOfDay(sql`a.bucket`), { instant: sql`a.first_at`, tz: time.tz });
    return sql`SELECT a.user_id, ${ordinal} AS ordinal
    FROM ${martTable(mart, 'a')}
    ${userJoinsSql(scope.catalog, mart, 'a', [], [step.filter])}
    ${whereSql(scope, [step.filter], bounds)}
    GROUP BY 1, 2`;
  }
  const m = step.activity;
  const at = sql.id(m.name, m.timeColumn ?? '');
  const bounds = [sql`${at} < ${time.instant(step.until)}`];
  if (step.from) bounds.push(sql`${at} >= ${time.instant(step.from)}`);
  if (step.asOf) bounds.push(sql`${at} <= ${step.asOf}`);
  return sql`SELECT ${sql.id(m.name, m.userKey ?? '')} AS user_id, ${time.ordinal(step.grain, step.origin, at)} AS ordinal
    FROM ${tableAs(m)}
    ${joinsSql(scope.catalog, m.name, modelsFor(scope.catalog, [], [step.filter]))}
    ${whereSql(scope, [step.filter], bounds)}
    GROUP BY 1, 2`;
}
