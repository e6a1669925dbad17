import { sql, type Kysely } from 'kysely';
import type { WarehouseTables } from '../../db';
import { EVENT_MIX, FEATURE_CATEGORY, FEATURES_BY_PLAN } from './catalog';
import { byPlan, chance, draw, paddedId, pick, seconds } from './sql-kit';

type Db = Kysely<WarehouseTables>;

/** A session opens with signup (first visit), login (return, farewell, often) or a page view. */
const firstType = sql`(CASE WHEN farewell OR (pinned AND spell > 1) THEN 'login' WHEN pinned THEN 'signup'
  WHEN ${draw('he', 0)} < ${chance(0.55)} THEN 'login' ELSE 'page_view' END)`;

const laterType = sql`(CASE
  WHEN farewell THEN (CASE WHEN ${draw('he', 0)} < ${chance(0.6)} THEN 'export' ELSE 'page_view' END)
  WHEN pinned AND spell = 1 THEN ${pick(draw('he', 0), [['page_view', 50], ['feature_use', 34], ['search', 8], ['invite', 8]])}
  ELSE ${byPlan((key) => pick(draw('he', 0), EVENT_MIX[key]))} END)`;

/** Events of a session are 1..2*gap-1 seconds apart (gap <= 194 s): always one 30-minute session. */
const offset = sql`(CASE WHEN j = 1 THEN 0 ELSE (j - 1) * gap + ${draw('he', 2)} % gap END)`;

const anyFeature = byPlan((key) => pick(draw('he2', 0), FEATURES_BY_PLAN[key]));
const feature = sql`(CASE event_type
  WHEN 'page_view' THEN (CASE WHEN ${draw('he', 1)} < ${chance(0.15)} THEN NULL
    WHEN ${draw('he', 1)} < ${chance(0.7)} THEN sfeature ELSE ${anyFeature} END)
  WHEN 'feature_use' THEN (CASE WHEN ${draw('he', 1)} < ${chance(0.75)} THEN sfeature ELSE ${anyFeature} END)
  WHEN 'search' THEN 'search'
  WHEN 'share' THEN 'collaboration'
  WHEN 'invite' THEN 'collaboration'
  WHEN 'export' THEN (CASE WHEN ${draw('he', 1)} < ${chance(0.6)} THEN 'reports' ELSE 'dashboard' END)
  WHEN 'upgrade' THEN 'billing'
  WHEN 'purchase' THEN 'billing'
  END)`;

const categoryWhens = Object.entries(FEATURE_CATEGORY).map(([f, c]) => sql`WHEN ${sql.lit(f)} THEN ${sql.lit(c)}`);
/** Events without a feature: the home page is navigation, sign-ups and logins are account. */
const category = sql`(CASE WHEN feature IS NULL THEN (CASE WHEN event_type = 'page_view' THEN 'navigation' ELSE 'account' END)
  ELSE (CASE feature ${sql.join(categoryWhens, sql` `)} END) END)`;

const value = draw('he', 3);
const other = draw('he2', 1);
const properties = sql`(CASE event_type
  WHEN 'page_view' THEN jsonb_build_object('path', '/' || coalesce(feature, 'home'), 'load_ms', 120 + ${value} % 1800)
  WHEN 'login' THEN jsonb_build_object('method', CASE WHEN plan_key = 'enterprise'
    THEN ${pick(value, [['sso', 70], ['password', 20], ['google', 10]])}
    ELSE ${pick(value, [['password', 50], ['google', 35], ['magic_link', 15]])} END)
  WHEN 'signup' THEN jsonb_build_object('plan', nullif(plan_key, 'none'), 'source', source)
  WHEN 'feature_use' THEN jsonb_build_object('action', ${pick(value, [['view', 45], ['edit', 30], ['create', 20], ['delete', 5]])},
    'duration_ms', 500 + ${other} * 4)
  WHEN 'search' THEN jsonb_build_object('query_length', 2 + ${value} % 38, 'results', ${other} % 250)
  WHEN 'share' THEN jsonb_build_object('channel', ${pick(value, [['link', 50], ['email', 30], ['slack', 20]])})
  WHEN 'invite' THEN jsonb_build_object('invitees', 1 + ${value} % 5)
  WHEN 'export' THEN jsonb_build_object('format', ${pick(value, [['csv', 55], ['pdf', 30], ['xlsx', 15]])}, 'rows', 10 + ${other} % 5000)
  WHEN 'upgrade' THEN jsonb_build_object('from_plan', nullif(plan_key, 'none'), 'seats', 1 + ${value} % 10)
  WHEN 'purchase' THEN jsonb_build_object('amount', round((500 + ${other} % 49500)::numeric / 100, 2), 'currency', 'USD',
    'item', ${pick(value, [['credits', 50], ['addon', 30], ['seats', 20]])})
  ELSE '{}'::jsonb END)`;

/**
 * Expand the staged sessions into events and insert them. Ids are consecutive
 * in session order (sessions numbered by start time, events in order within),
 * so no sort of the ~600k rows is needed. Each level is fenced with OFFSET 0
 * so the planner does not inline the hash and CASE columns into every later
 * use and compute them again and again.
 */
export async function insertEvents(db: Db): Promise<number> {
  const result = await sql`
    INSERT INTO events (event_id, user_id, occurred_at, event_type, feature, category, platform, session_id, properties)
    SELECT ${paddedId('e', 'events_before + j', '8')}, user_id, occurred_at, event_type, feature, ${category}, platform,
      ${paddedId('s', 'sno', '7')}, ${properties}
    FROM (
      SELECT t.*, ${feature} AS feature FROM (
        SELECT h.*, s_start + ${seconds(offset)} AS occurred_at, CASE WHEN j = 1 THEN ${firstType} ELSE ${laterType} END AS event_type
        FROM (
          SELECT s.*, j, hashint8extended(j, s.hk) AS he, hashint8extended(j + 1000, s.hk) AS he2
          FROM pulse_demo_sess s CROSS JOIN LATERAL generate_series(1, s.ne) AS j OFFSET 0
        ) h OFFSET 0
      ) t OFFSET 0
    ) f`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
