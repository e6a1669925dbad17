import { sql, type Kysely } from 'kysely';
import type { WarehouseTables } from '../../db';
import { DAILY_ACTIVE, FEATURES_BY_PLAN, PLATFORMS, WEEKEND } from './catalog';
import { byPlan, chance, draw, lit, pick, seconds } from './sql-kit';

type Db = Kysely<WarehouseTables>;

/**
 * Stage the sessions in pulse_demo_sess. A user lives in spells: signup to
 * first churn, return to second churn, and one-off farewell visits after a
 * churn. On each local calendar day of a spell the user is active with a
 * probability that depends on plan, a personal multiplier, the weekday, tenure
 * and the approach of churn; an active day holds 1-3 sessions hours apart.
 * The first session of a spell starts at the spell's start (the signup or the
 * return), so nobody acts before signing up.
 */
export async function stageSessions(db: Db): Promise<void> {
  const unpaid = `plan_key IN ('none', 'free')`;
  const weekday = sql`(CASE dow WHEN 6 THEN (CASE WHEN ${sql.raw(unpaid)} THEN ${lit(WEEKEND.unpaid[0])} ELSE ${lit(WEEKEND.paid[0])} END)
    WHEN 0 THEN (CASE WHEN ${sql.raw(unpaid)} THEN ${lit(WEEKEND.unpaid[1])} ELSE ${lit(WEEKEND.paid[1])} END)
    WHEN 5 THEN 0.9::float8 WHEN 2 THEN 1.04::float8 WHEN 3 THEN 1.04::float8 ELSE 1::float8 END)`;
  // New users are keen (x1.3 on day 0, easing to x0.7); the last two weeks before a churn fade out.
  const tenure = sql`(0.7::float8 + 0.6::float8 / (1 + (d - first_day)::float8 / 10))`;
  const fading = sql`(CASE WHEN churns THEN least(1::float8, 0.3::float8 + (last_day - d)::float8 / 14) ELSE 1::float8 END)`;
  const activeP = sql`(${byPlan((key) => lit(DAILY_ACTIVE[key]))} * engage * ${weekday} * ${tenure} * ${fading}
    * (CASE WHEN spell = 2 THEN 0.8::float8 ELSE 1::float8 END))`;
  const heavy = `plan_key IN ('pro', 'enterprise')`;
  const sessionsPerDay = sql`(1 + (${draw('hd', 1)} < CASE WHEN ${sql.raw(heavy)} THEN ${chance(0.42)} ELSE ${chance(0.3)} END)::int
    + (${draw('hd', 2)} < CASE WHEN ${sql.raw(heavy)} THEN ${chance(0.15)} ELSE ${chance(0.08)} END)::int)`;
  // Sessions sit in 1/ns slices of the day in quantile space, 10%-75% into their slice, so
  // consecutive sessions are hours apart; the quantile maps to local clock time through a
  // piecewise-linear CDF: 4% before 07:00, 36% to 12:00, 40% to 18:00, 20% to midnight.
  const q = sql`((k - 1 + 0.1::float8 + 0.65::float8 * ${draw('hk', 0)}::float8 / 65536) / ns)`;
  const clock = sql`floor(CASE WHEN q < 0.04 THEN q / 0.04 * 25200
    WHEN q < 0.4 THEN 25200 + (q - 0.04) / 0.36 * 18000
    WHEN q < 0.8 THEN 43200 + (q - 0.4) / 0.4 * 21600
    ELSE 64800 + (q - 0.8) / 0.2 * 21600 END)::bigint`;
  const platform = sql`(CASE WHEN ${draw('hk', 1)} < ${chance(0.02)} THEN NULL
    WHEN ${draw('hk', 1)} < ${chance(0.78)} THEN pref_platform
    ELSE ${pick(draw('hk', 2), PLATFORMS.default)} END)`;
  const feature = byPlan((key) => pick(draw('hk', 3), FEATURES_BY_PLAN[key]));
  const eventRange = byPlan((key) => sql.lit({ none: 5, free: 6, starter: 8, pro: 9, enterprise: 11 }[key]));
  const eventCount = sql`(CASE WHEN farewell THEN 2 + ${draw('hk2', 0)} % 3
    WHEN pinned AND spell = 1 THEN 6 + ${draw('hk2', 0)} % 8
    WHEN pinned THEN 3 + ${draw('hk2', 0)} % 6
    ELSE 2 + ${draw('hk2', 0)} % ${eventRange} + CASE WHEN sfeature IN ('editor', 'automation', 'api') THEN 2 ELSE 0 END END)`;
  const spellColumns = 'idx, user_id, plan_key, source, off, engage, pref_platform';
  await sql`
    CREATE TEMP TABLE pulse_demo_sess ON COMMIT DROP AS
    -- OFFSET 0 keeps PostgreSQL from inlining each step's hashes and CASEs into every later use.
    WITH sp AS (
      SELECT ${sql.raw(spellColumns)}, 1 AS spell, false AS farewell, signup_at AS start_at, coalesce(churn1_at, t1) AS end_at, churn1_at IS NOT NULL AS churns
        FROM pulse_demo_life WHERE NOT ghost
      UNION ALL SELECT ${sql.raw(spellColumns)}, 2, false, return_at, coalesce(churn2_at, t1), churn2_at IS NOT NULL
        FROM pulse_demo_life WHERE return_at IS NOT NULL
      UNION ALL SELECT ${sql.raw(spellColumns)}, 3, true, farewell1_at, farewell1_at + interval '7200 seconds', false
        FROM pulse_demo_life WHERE farewell1_at IS NOT NULL
      UNION ALL SELECT ${sql.raw(spellColumns)}, 4, true, farewell2_at, farewell2_at + interval '7200 seconds', false
        FROM pulse_demo_life WHERE farewell2_at IS NOT NULL
    ), spd AS (
      -- Day numbers are the user's local calendar days since the period's first day.
      SELECT sp.*, p.t0, p.t1, p.dow0, p.seed,
        floor((extract(epoch FROM sp.start_at - p.t0) + sp.off) / ${sql.lit(86400)})::int AS first_day,
        floor((extract(epoch FROM sp.end_at - p.t0) + sp.off - 1) / ${sql.lit(86400)})::int AS last_day,
        hashint8extended(sp.spell, hashint8extended(sp.idx, p.seed + 301)) AS hs
      FROM sp CROSS JOIN pulse_demo_p p OFFSET 0
    ), dd AS (
      SELECT spd.*, d, hashint8extended(d, hs) AS hd, ((dow0 + d) % 7 + 7) % 7 AS dow
      FROM spd CROSS JOIN LATERAL generate_series(first_day, CASE WHEN farewell THEN first_day ELSE last_day END) AS d OFFSET 0
    ), act AS (
      SELECT dd.*, CASE WHEN farewell THEN 1 ELSE ${sessionsPerDay} END AS ns
      FROM dd WHERE d = first_day OR ${draw('hd', 0)}::float8 < 65536 * ${activeP} OFFSET 0
    ), ks AS (
      SELECT act.*, k, hashint8extended(k, hd) AS hk, hashint8extended(k + 1000, hd) AS hk2, d = first_day AND k = 1 AS pinned
      FROM act CROSS JOIN LATERAL generate_series(1, ns) AS k OFFSET 0
    ), qs AS (
      SELECT ks.*, ${q} AS q FROM ks OFFSET 0
    ), ses AS (
      SELECT qs.*, CASE WHEN pinned THEN start_at
        ELSE t0 + ${seconds(sql`d::bigint * 86400 + ${clock} - off`)} END AS s_start,
        least(end_at, t1) AS s_end, ${feature} AS sfeature, 15 + ${draw('hk2', 1)} % 180 AS gap
      FROM qs OFFSET 0
    ), kept AS (
      -- Unpinned sessions keep an hour clear of the spell's opening one and start before the spell ends.
      -- Event j starts less than j * gap seconds in, so cutting ne to (seconds left) / gap keeps every
      -- event before the spell's end (a churn, or the period's end).
      SELECT ses.*, ${platform} AS platform,
        greatest(1, least(${eventCount}, extract(epoch FROM s_end - s_start)::bigint / gap))::int AS ne
      FROM ses
      WHERE pinned OR (s_start >= start_at + interval '3600 seconds' AND s_start < s_end) OFFSET 0
    )
    -- Sessions are numbered by start; events_before lets events take consecutive ids without a sort.
    SELECT row_number() OVER w AS sno, sum(ne) OVER w - ne AS events_before, user_id, plan_key, source, spell,
      farewell, pinned, s_start, hk, platform, sfeature, ne, gap
    FROM kept WINDOW w AS (ORDER BY s_start, idx, spell, d, k ROWS UNBOUNDED PRECEDING)`.execute(db);
}
