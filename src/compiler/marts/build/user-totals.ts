import { sql, type RawBuilder } from 'kysely';
import type { Catalog, UserActivityMart, UserTotalsMart } from '../../../catalog/types';
import { model } from '../../sources';
import { CHANGED_EVENTS } from './changes';
import { deletes, inserts, type MartStatement } from './statement';

/**
 * Per user over all time: summed from the coarsest user_activity mart of the
 * model (one timezone is enough: every row counts once whatever the zone), or
 * read from the raw rows and the sessions mart when there is none.
 */
function sourceMart(catalog: Catalog, mart: UserTotalsMart): UserActivityMart | null {
  const candidates = [...catalog.marts.values()].filter((m): m is UserActivityMart => m.kind === 'user_activity' && m.model === mart.model);
  const rank = { day: 0, week: 1, month: 2 } as const;
  return candidates.sort((a, b) => rank[b.grain] - rank[a.grain])[0] ?? null;
}

function totals(catalog: Catalog, mart: UserTotalsMart, users: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const source = sourceMart(catalog, mart);
  if (source) {
    const zone = sql`a.tz = ${source.timezones[0] ?? 'UTC'}::text${source.grain === 'week' ? sql` AND a.week_start = ${source.weekStarts[0] ?? 'MONDAY'}::text` : sql``}`;
    const only = users ? sql` AND a.user_id IN (SELECT user_id FROM ${users})` : sql``;
    return sql`SELECT a.user_id, sum(a.events), min(a.first_at), max(a.last_at), sum(a.sessions), sum(a.session_seconds)
FROM ${sql.table(source.table)} AS a WHERE ${zone}${only} GROUP BY 1`;
  }
  const m = model(catalog, mart.model);
  const user = sql.id('e', m.userKey ?? '');
  const at = sql.id('e', m.timeColumn ?? '');
  const sessions = mart.sessions === null ? null : catalog.marts.get(mart.sessions);
  const only = users ? sql`WHERE ${user} IN (SELECT user_id FROM ${users})` : sql``;
  const sessionJoin = sessions
    ? sql`LEFT JOIN (SELECT user_id, count(*) AS sessions, sum(duration) AS seconds FROM ${sql.table(sessions.table)} GROUP BY 1) AS s ON s.user_id = e.user_id`
    : sql``;
  return sql`SELECT e.user_id, e.events, e.first_at, e.last_at, ${sessions ? sql`coalesce(s.sessions, 0), coalesce(s.seconds, 0)` : sql`0, 0`}
FROM (SELECT ${user} AS user_id, count(*) AS events, min(${at}) AS first_at, max(${at}) AS last_at FROM ${sql.table(m.table)} AS e ${only} GROUP BY 1) AS e
${sessionJoin}`;
}

const INSERT = (mart: UserTotalsMart) => sql`INSERT INTO ${sql.table(mart.table)} (user_id, events, first_at, last_at, sessions, session_seconds)`;

export function fullUserTotalsSql(catalog: Catalog, mart: UserTotalsMart): MartStatement[] {
  return [inserts(sql`${INSERT(mart)}\n${totals(catalog, mart, null)}`)];
}

/** The users with new rows are summed again. */
export function changedUserTotalsSql(catalog: Catalog, mart: UserTotalsMart): MartStatement[] {
  const changed = sql`(SELECT DISTINCT user_id FROM ${sql.table(CHANGED_EVENTS)}) AS changed_users`;
  return [
    deletes(sql`DELETE FROM ${sql.table(mart.table)} WHERE user_id IN (SELECT user_id FROM ${sql.table(CHANGED_EVENTS)})`),
    inserts(sql`${INSERT(mart)}\n${totals(catalog, mart, changed)}`),
  ];
}
