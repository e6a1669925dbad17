import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, UserListAnalysis } from '../../catalog/types';
import { didYouMean } from '../../util/did-you-mean';
import { QueryError } from '../../util/errors';
import { camelCase, enumName } from '../../util/names';
import { TimeSql } from '../buckets';
import { postgres } from '../dialect';
import { martTable } from '../marts/layout';
import { matchUserTotals, type Decision } from '../marts/match-common';
import { NO_MARTS } from '../marts/state';
import { provenanceOf, type Provenance } from '../source';
import type { CompileOptions } from '../options';
import { compileStatement } from '../statement';
import { dimensionSql, filterDimensions } from '../dimension-sql';
import { joinsSql, model, modelsFor, tableAs, whereSql, type Scope } from '../sources';
import { isValidTimezone } from '../time-range';
import { decodeCursor } from './cursor';
import { afterSql, cursorKeySql, orderSql, sortKeyOf } from './order';
import { DEFAULT_USER_ORDER, USER_LIST_LIMITS, USER_ORDER_FIELDS, type UserListQuery, type UserOrder } from './query';

export interface CompiledUserList {
  readonly query: CompiledQuery;
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly order: UserOrder;
  /** Page size; the statement fetches one row more to tell whether a next page exists. */
  readonly first: number;
  /** Dimensions reachable from the users model, snake_case; each is the row column dimensionColumn(name). */
  readonly dimensions: readonly string[];
  readonly planDimension: string | null;
  readonly provenance: Provenance;
  readonly decision: Decision;
}

/** The row column holding a dimension's value (prefixed so no dimension name can shadow a computed column). */
export function dimensionColumn(name: string): string {
  return `d_${name}`;
}

/**
 * (Catalog, analysis, request) -> one statement: the page of users (plus one
 * row to detect a next page) with the total count of matching users. Pure.
 *
 * Days are whole 24-hour periods: floor((asOf - t) / 86400 s). A user is ACTIVE
 * when days_since_last_active < inactiveAfterDays, i.e. the last event is
 * within the inactiveAfterDays x 24 h before asOf; an event exactly that long
 * before counts as INACTIVE.
 */
export function compileUserList(catalog: Catalog, analysis: UserListAnalysis, query: UserListQuery, options: CompileOptions = {}): CompiledUserList {
  const first = query.first ?? USER_LIST_LIMITS.defaultFirst;
  if (!Number.isInteger(first) || first < 1 || first > USER_LIST_LIMITS.maxFirst) {
    throw new QueryError('first', `must be between 1 and ${USER_LIST_LIMITS.maxFirst}; got ${first}.`);
  }
  const inactiveAfterDays = query.inactiveAfterDays ?? analysis.defaultInactiveAfterDays;
  if (!Number.isInteger(inactiveAfterDays) || inactiveAfterDays < 1 || inactiveAfterDays > USER_LIST_LIMITS.maxInactiveAfterDays) {
    throw new QueryError('inactiveAfterDays', `must be a whole number of days between 1 and ${USER_LIST_LIMITS.maxInactiveAfterDays}; got ${inactiveAfterDays}.`);
  }
  if (Number.isNaN(query.asOf.getTime())) throw new QueryError('asOf', 'is not a valid instant.');
  if (!isValidTimezone(query.timezone)) {
    throw new QueryError('timezone', `"${query.timezone}" is not a known IANA timezone (e.g. "Europe/Berlin").`);
  }
  const users = model(catalog, analysis.usersModel);
  const activity = model(catalog, analysis.activityModel);
  const dimensions = [...catalog.dimensions.values()].filter((d) => dimensionReachableFrom(catalog, d, users.name));
  if (query.where) for (const name of filterDimensions(query.where)) checkFilterDimension(catalog, users.name, name);
  const order = query.orderBy ?? DEFAULT_USER_ORDER;
  checkOrderField(dimensions, order.field);
  const key = sortKeyOf(order.field, dimensionColumn);
  const position = query.after === null ? null : decodeCursor(query.after, order, key.type);

  // Only calendar dimensions read the time spec, and only its timezone.
  const day = query.asOf.toISOString().slice(0, 10);
  const time = new TimeSql({ timeRange: { from: day, to: day }, grain: null, timezone: query.timezone, weekStart: 'MONDAY' }, options.dialect ?? postgres);
  const scope: Scope = { catalog, time, dimensions };
  const asOf = time.dialect.timestamp(query.asOf.toISOString());
  const userId = sql.id(users.name, users.primaryKey);
  const signupAt = sql.id(users.name, requireTime(users.timeColumn, users.name));
  const occurredAt = sql.id(activity.name, requireTime(activity.timeColumn, activity.name));
  const activityUser = sql.id(activity.name, requireUserKey(activity.userKey, activity.name));
  const days = (from: RawBuilder<unknown>) => sql`floor((extract(epoch FROM ${asOf}) - extract(epoch FROM ${from})) / 86400)::int`;
  const subjectColumns = [
    sql`${userId} AS user_id`,
    sql`${signupAt} AS signup_at`,
    sql`${days(signupAt)} AS days_since_signup`,
    ...dimensions.map((d) => sql`${dimensionSql(d, time)} AS ${sql.id(dimensionColumn(d.name))}`),
  ];
  const orderBy = orderSql(sql`sort_key`, key, order);
  const after = position === null ? sql`` : sql`WHERE ${afterSql(sql`sort_key`, key.type, order, position)}`;
  const limit = sql`LIMIT ${first + 1}::int`;
  // Without a status filter, a key known before activity picks the page from users alone: only its rows' activity is read.
  const pageFirst = query.status === null && !ACTIVITY_FIELDS.has(order.field);
  // A filter on users (or a page) narrows the events aggregated; without one the semi-join only adds work (2-3x slower on 600k demo events).
  const narrowTo = pageFirst ? sql`chosen` : query.where === null ? null : sql`subjects`;
  const decision = matchUserTotals(catalog, options.marts ?? NO_MARTS, activity.name, query.asOf);
  const activitySql =
    decision.source.kind === 'mart'
      ? sql`SELECT t.user_id, t.events::int AS total_events, t.last_at AS last_active_at
  FROM ${martTable(decision.source.mart, 't')}${narrowTo === null ? sql`` : sql`
  WHERE t.user_id IN (SELECT user_id FROM ${narrowTo})`}`
      : sql`SELECT ${activityUser} AS user_id, count(*)::int AS total_events, max(${occurredAt}) AS last_active_at
  FROM ${tableAs(activity)}
  WHERE ${occurredAt} <= ${asOf}${narrowTo === null ? sql`` : sql` AND ${activityUser} IN (SELECT user_id FROM ${narrowTo})`}
  GROUP BY 1`;
  const status = sql`CASE WHEN last_active_at IS NULL THEN 'NEVER_ACTIVE' WHEN days_since_last_active < ${inactiveAfterDays}::int THEN 'ACTIVE' ELSE 'INACTIVE' END`;
  // Read twice (the count and the page): inlined, so each reader computes only the columns it uses.
  const subjects = sql`subjects AS ${pageFirst ? time.dialect.inlined : sql``}(
  SELECT ${sql.join(subjectColumns, sql`,\n    `)}
  FROM ${tableAs(users)}
  ${joinsSql(catalog, users.name, modelsFor(catalog, dimensions, [query.where]))}
  ${whereSql(scope, [query.where], [sql`${signupAt} <= ${asOf}`])}
)`;
  const listed = sql`listed AS (
  SELECT subjects.*,${pageFirst ? sql` chosen.sort_key,` : sql``}
    coalesce(activity.total_events, 0) AS total_events,
    activity.last_active_at,
    ${days(sql`activity.last_active_at`)} AS days_since_last_active
  FROM ${pageFirst ? sql`chosen
  JOIN subjects ON subjects.user_id = chosen.user_id` : sql`subjects`}
  LEFT JOIN activity ON activity.user_id = subjects.user_id
)`;
  const statement = pageFirst
    ? sql`WITH ${subjects},
chosen AS (
  SELECT * FROM (SELECT subjects.user_id, ${key.expr} AS sort_key FROM subjects) AS keyed ${after}
  ORDER BY ${orderBy}
  ${limit}
),
activity AS (
  ${activitySql}
),
${listed},
page AS (
  SELECT listed.*, ${status} AS status FROM listed
)
SELECT total.total_count, page.*, ${cursorKeySql(sql`page.sort_key`, key.type)} AS cursor_key
FROM (SELECT count(*)::int AS total_count FROM subjects) AS total
LEFT JOIN page ON TRUE
ORDER BY ${orderBy}`
    : sql`WITH ${subjects},
activity AS (
  ${activitySql}
),
${listed},
classified AS (
  SELECT listed.*, ${status} AS status, ${key.expr} AS sort_key
  FROM listed
),
matched AS (
  SELECT * FROM classified${query.status === null ? sql`` : sql` WHERE status = ${query.status}::text`}
),
page AS (
  SELECT * FROM matched ${after}
  ORDER BY ${orderBy}
  ${limit}
)
SELECT total.total_count, page.*, ${cursorKeySql(sql`page.sort_key`, key.type)} AS cursor_key
FROM (SELECT count(*)::int AS total_count FROM matched) AS total
LEFT JOIN page ON TRUE
ORDER BY ${orderBy}`;
  const shared = compileStatement(statement);
  // This statement's optional clauses also leave trailing spaces; values are bound, so no literal spans lines.
  const compiled: CompiledQuery = { ...shared, sql: shared.sql.replace(/[ \t]+$/gm, '').replace(/\n[ \t]*(?=\n)/g, '') };
  return {
    query: compiled,
    sql: compiled.sql,
    parameters: compiled.parameters,
    order,
    first,
    dimensions: dimensions.map((d) => d.name),
    planDimension: analysis.planDimension,
    provenance: provenanceOf([decision.source]),
    decision,
  };
}

/** Order fields computed from the user's activity: a page by one of them needs every user's activity first. */
const ACTIVITY_FIELDS: ReadonlySet<string> = new Set(['last_active_at', 'total_events', 'days_since_last_active']);

function checkFilterDimension(catalog: Catalog, usersModel: string, name: string): void {
  const dimension = catalog.dimensions.get(name);
  if (!dimension) throw new QueryError('where', `unknown dimension "${camelCase(name)}".${didYouMean(name, catalog.dimensions.keys())}`);
  if (!dimensionReachableFrom(catalog, dimension, usersModel)) {
    throw new QueryError('where', `users cannot be filtered by dimension "${camelCase(name)}": it is not reachable from ${usersModel} (it describes ${dimension.model}).`);
  }
}

function checkOrderField(dimensions: readonly Dimension[], field: string): void {
  if ((USER_ORDER_FIELDS as readonly string[]).includes(field) || dimensions.some((d) => d.name === field)) return;
  throw new QueryError('orderBy', `cannot order users by "${enumName(field)}".`);
}

function requireTime(column: string | null, modelName: string): string {
  if (column === null) throw new Error(`Model ${modelName} has no time column`);
  return column;
}

function requireUserKey(column: string | null, modelName: string): string {
  if (column === null) throw new Error(`Model ${modelName} has no user_key`);
  return column;
}
