import { sql, type Kysely } from 'kysely';
import type { WarehouseTables } from '../../db';
import {
  CHURN_REASONS, CITIES, LIFETIME_BY_SOURCE, LIFETIME_SCALE_DAYS, PLAN_BY_SOURCE, PLANS, PLATFORMS, RESURRECT, RETURN_AFTER_DAYS, SOURCES,
} from './catalog';
import { byPlan, chance, draw, lit, paddedId, pick, seconds, unit32, type Fragment } from './sql-kit';

type Db = Kysely<WarehouseTables>;

const DAY = 86400;

function affected(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n);
}

/** The four plans; an existing plan with the same id is left as it is. */
export async function insertPlans(db: Db): Promise<number> {
  const rows = PLANS.map((p) => sql`(${sql.lit(p.id)}, ${sql.lit(p.name)}, ${sql.lit(p.tier)}, ${sql.raw(p.price)})`);
  const result = await sql`
    INSERT INTO plans (plan_id, name, tier, monthly_price) VALUES ${sql.join(rows)}
    ON CONFLICT (plan_id) DO NOTHING`.execute(db);
  return affected(result);
}

const cityRows = sql.join(
  CITIES.map((c, i) => sql`(${sql.lit(i)}, ${lit(c.country)}, ${lit(c.region)}, ${lit(c.city)}, ${sql.lit(c.utcOffset)})`),
);
const cityPick = pick(draw('h2', 0), CITIES.map((c, i) => [i, c.weight] as const));

function planPick(drawn: Fragment): Fragment {
  const dflt = PLAN_BY_SOURCE.default ?? [];
  const branches = Object.entries(PLAN_BY_SOURCE)
    .filter(([source]) => source !== 'default')
    .map(([source, weights]) => sql`WHEN ${sql.lit(source)} THEN ${pick(drawn, weights)}`);
  return sql`(CASE source ${sql.join(branches, sql` `)} ELSE ${pick(drawn, dflt)} END)`;
}

/**
 * Stage the users in pulse_demo_u: signup spread over the period with growth
 * (density rising 1x -> 3x), fewer weekend signups, local business hours, a
 * coherent place, a source, a plan, and hidden traits (engagement multiplier,
 * never-active "ghosts", preferred platform). Ids follow signup order.
 */
export async function stageUsers(db: Db): Promise<void> {
  const engage = sql`(0.35::float8 + 1.3::float8 * (${draw('h1', 2)}::float8 / 65536))`;
  const ghost = sql`(${draw('h1', 3)} < CASE WHEN plan_key IN ('none', 'free') THEN ${chance(0.05)} ELSE ${chance(0.015)} END)`;
  const platform = sql`(CASE WHEN plan_key = 'enterprise' THEN ${pick(draw('h3', 3), PLATFORMS.enterprise)}
    ELSE ${pick(draw('h3', 3), PLATFORMS.default)} END)`;
  await sql`
    CREATE TEMP TABLE pulse_demo_u ON COMMIT DROP AS
    WITH r AS (
      SELECT n, p.days, p.t0, p.t1, p.dow0, p.users,
        hashint8extended(n, p.seed + 101) AS h1, hashint8extended(n, p.seed + 102) AS h2, hashint8extended(n, p.seed + 103) AS h3
      FROM pulse_demo_p p CROSS JOIN generate_series(1, p.users) AS n OFFSET 0
    ), a AS (
      -- Inverse CDF of a linearly rising density: x = (sqrt(1 + 8u) - 1) / 2.
      SELECT r.*, least(days - 1, floor((sqrt(1 + 8 * ${unit32('h1')}) - 1) / 2 * days)::int) AS d_raw,
        ${cityPick} AS ci, ${pick(draw('h2', 1), SOURCES)} AS source
      FROM r OFFSET 0
    ), b AS (
      SELECT a.*, ${planPick(draw('h2', 2))} AS plan_key,
        CASE WHEN ${draw('h3', 0)} >= ${chance(0.45)} THEN d_raw
          WHEN (dow0 + d_raw) % 7 = 6 THEN greatest(d_raw - 1, 0)
          WHEN (dow0 + d_raw) % 7 = 0 THEN least(d_raw + 1, days - 1)
          ELSE d_raw END AS d,
        CASE WHEN ${draw('h3', 1)} < ${chance(0.8)} THEN 28800 + ${draw('h3', 2)} * 43200 / 65536
          ELSE ${draw('h3', 2)} * ${DAY} / 65536 END AS tod
      FROM a OFFSET 0
    ), c AS (
      SELECT b.*, city.country, city.region, city.city, city.off,
        t0 + ${seconds(sql`d::bigint * ${sql.lit(DAY)} + tod - city.off`)} AS local_at
      FROM b JOIN (VALUES ${cityRows}) AS city (ci, country, region, city, off) USING (ci) OFFSET 0
    ), s AS (
      -- A local time that falls outside the period in UTC moves by one day, back inside.
      SELECT c.*, CASE WHEN local_at < t0 THEN local_at + interval '86400 seconds'
        WHEN local_at >= t1 THEN local_at - interval '86400 seconds' ELSE local_at END AS signup_at
      FROM c OFFSET 0
    )
    SELECT ${paddedId('u', 'idx', 'greatest(5, length(users::text))')} AS user_id, q.* FROM (
      SELECT row_number() OVER (ORDER BY signup_at, n) AS idx, n, signup_at, country, region, city, off,
        source, plan_key, ${engage} AS engage, ${ghost} AS ghost, ${platform} AS pref_platform, users
      FROM s) q`.execute(db);
}

export async function insertUsers(db: Db): Promise<number> {
  const result = await sql`
    INSERT INTO users (user_id, signup_at, country, region, city, acquisition_source, plan_id)
    SELECT user_id, signup_at, country, region, city, source, nullif(plan_key, 'none')
    FROM pulse_demo_u ORDER BY idx`.execute(db);
  return affected(result);
}

/** Lomax lifetime in seconds from a 32-bit draw; capped so a lucky draw cannot overflow a timestamp. */
function lifetime(hash: string, scaleSeconds: Fragment): Fragment {
  return sql`least(1000000000, greatest(3600, floor(${scaleSeconds} * (1 / sqrt(1 - ${unit32(hash)}) - 1))))::bigint`;
}

/**
 * Stage each user's life in pulse_demo_life: a first churn (plan- and
 * source-dependent), a return weeks later for some, a second churn for some
 * of those, and a short "farewell" visit for a few churners. Times at or
 * after the period's end become NULL: they have not happened yet.
 */
export async function stageLives(db: Db): Promise<void> {
  const scale = byPlan((key) => lit(LIFETIME_SCALE_DAYS[key] * DAY));
  const bySource = Object.entries(LIFETIME_BY_SOURCE).map(([source, m]) => sql`WHEN ${sql.lit(source)} THEN ${lit(m)}`);
  const sourceFactor = sql`(CASE coalesce(source, 'unknown') ${sql.join(bySource, sql` `)} ELSE 1 END)`;
  const reason = (hash: string, k: 0 | 1 | 2 | 3) => sql`(CASE WHEN plan_key IN ('none', 'free')
    THEN ${pick(draw(hash, k), CHURN_REASONS.unpaid)} ELSE ${pick(draw(hash, k), CHURN_REASONS.paid)} END)`;
  const nullAfterEnd = (expr: Fragment) => sql`(CASE WHEN ${expr} < t1 THEN ${expr} END)`;
  await sql`
    CREATE TEMP TABLE pulse_demo_life ON COMMIT DROP AS
    WITH h AS (
      SELECT u.*, p.t1, (${scale} * ${sourceFactor})::float8 AS scale_s,
        hashint8extended(u.n, p.seed + 201) AS l1, hashint8extended(u.n, p.seed + 202) AS l2,
        hashint8extended(u.n, p.seed + 203) AS l3, hashint8extended(u.n, p.seed + 204) AS l4
      FROM pulse_demo_u u CROSS JOIN pulse_demo_p p OFFSET 0
    ), c1 AS (
      SELECT h.*, ${nullAfterEnd(sql`signup_at + ${seconds(lifetime('l1', sql`scale_s`))}`)} AS churn1_at FROM h OFFSET 0
    ), r AS (
      SELECT c1.*, CASE WHEN churn1_at IS NOT NULL AND ${draw('l2', 0)} < ${byPlan((key) => chance(RESURRECT[key]))}
        THEN ${nullAfterEnd(sql`churn1_at + ${seconds(sql`${sql.lit(RETURN_AFTER_DAYS.min * DAY)}
          + ((l2 >> 16) & 4294967295) % ${sql.lit(RETURN_AFTER_DAYS.spread * DAY)}`)}`)}
        END AS return_at
      FROM c1 OFFSET 0
    ), c2 AS (
      -- Users who came back are flakier: their second life is shorter.
      SELECT r.*, CASE WHEN return_at IS NOT NULL
        THEN ${nullAfterEnd(sql`return_at + ${seconds(lifetime('l3', sql`scale_s * 0.6`))}`)} END AS churn2_at
      FROM r OFFSET 0
    )
    SELECT c2.*,
      CASE WHEN churn1_at IS NOT NULL AND NOT ghost AND ${draw('l3', 3)} < ${chance(0.1)}
        THEN ${nullAfterEnd(sql`churn1_at + ${seconds(sql`3600 + ${draw('l3', 2)} * 5`)}`)} END AS farewell1_at,
      CASE WHEN churn2_at IS NOT NULL AND ${draw('l2', 3)} < ${chance(0.1)}
        THEN ${nullAfterEnd(sql`churn2_at + ${seconds(sql`3600 + ${draw('l4', 2)} * 5`)}`)} END AS farewell2_at,
      ${reason('l4', 0)} AS reason1, ${reason('l4', 1)} AS reason2
    FROM c2`.execute(db);
}

export async function insertChurn(db: Db): Promise<number> {
  const result = await sql`
    INSERT INTO churn (user_id, churned_at, reason)
    SELECT user_id, churned_at, reason FROM (
      SELECT idx, user_id, churn1_at AS churned_at, reason1 AS reason FROM pulse_demo_life WHERE churn1_at IS NOT NULL
      UNION ALL
      SELECT idx, user_id, churn2_at, reason2 FROM pulse_demo_life WHERE churn2_at IS NOT NULL
    ) c ORDER BY idx, churned_at`.execute(db);
  return affected(result);
}
