import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openWarehouse, readDataVersion, type Warehouse, type WarehouseTables } from '../../src/db';
import { resolveDemoOptions, seedDemoData, type DemoOptions, type DemoSummary } from '../../src/ingest/demo';

type Db = Kysely<WarehouseTables>;

const SMALL: DemoOptions = { users: 300, days: 60, endDate: '2026-10-31', seed: 42 };
const PERIOD_START = '2026-09-02T00:00:00Z'; // 60 days ending 2026-10-31
const PERIOD_END = '2026-11-01T00:00:00Z'; // exclusive: nothing at or after this instant

async function freshPglite(): Promise<Warehouse> {
  const w = await openWarehouse({ databaseUrl: null, dataDir: 'memory://' });
  await migrateToLatest(w.db);
  return w;
}

async function one<T>(db: Db, query: RawBuilder<T>): Promise<T> {
  const { rows } = await query.execute(db);
  if (!rows[0]) throw new Error('query returned no row');
  return rows[0];
}

/** md5 per table over every column of every row in key order; epochs and quote_nullable keep it engine- and TimeZone-proof. */
async function checksums(db: Db): Promise<Record<string, string>> {
  return one(db, sql<Record<string, string>>`
    SELECT
      (SELECT md5(string_agg(concat_ws('|', plan_id, name, quote_nullable(tier), quote_nullable(monthly_price)), E'\n' ORDER BY plan_id)) FROM plans) AS plans,
      (SELECT md5(string_agg(concat_ws('|', user_id, extract(epoch FROM signup_at), quote_nullable(country), quote_nullable(region),
        quote_nullable(city), quote_nullable(acquisition_source), quote_nullable(plan_id)), E'\n' ORDER BY user_id)) FROM users) AS users,
      (SELECT md5(string_agg(concat_ws('|', event_id, user_id, extract(epoch FROM occurred_at), event_type, quote_nullable(feature),
        quote_nullable(category), quote_nullable(platform), quote_nullable(session_id), quote_nullable(properties::text)), E'\n' ORDER BY event_id))
        FROM events) AS events,
      (SELECT md5(string_agg(concat_ws('|', user_id, extract(epoch FROM churned_at), quote_nullable(reason)), E'\n' ORDER BY user_id, churned_at))
        FROM churn) AS churn`);
}

async function tableCounts(db: Db): Promise<DemoSummary> {
  const row = await one(db, sql<Record<keyof DemoSummary, string | number>>`
    SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM churn) AS churn`);
  return { plans: Number(row.plans), users: Number(row.users), events: Number(row.events), churn: Number(row.churn) };
}

/** The checks every engine must pass on a warehouse just seeded with SMALL. */
function describeSeededFacts(name: string, open: () => Promise<Warehouse>): void {
  describe(name, () => {
    let w: Warehouse;
    let summary: DemoSummary;
    let versionBefore: string;

    beforeAll(async () => {
      w = await open();
      versionBefore = await readDataVersion(w.db);
      summary = await seedDemoData(w.db, SMALL);
    });
    afterAll(async () => {
      await w?.close();
    });

    test('reports the rows it inserted', async () => {
      expect(await tableCounts(w.db)).toEqual(summary);
      expect(summary.plans).toBe(4);
      expect(summary.users).toBe(SMALL.users);
      expect(summary.events).toBeGreaterThan(SMALL.users * 20);
      expect(summary.churn).toBeGreaterThan(0);
    });

    test('bumps the data version', async () => {
      expect(Number(await readDataVersion(w.db))).toBe(Number(versionBefore) + 1);
    });

    test('keeps every row inside the period and after its signup', async () => {
      const row = await one(w.db, sql<Record<string, string | number>>`
        SELECT
          (SELECT count(*) FROM users WHERE signup_at < ${PERIOD_START}::timestamptz OR signup_at >= ${PERIOD_END}::timestamptz) AS bad_signups,
          (SELECT count(*) FROM events e JOIN users u USING (user_id) WHERE e.occurred_at < u.signup_at) AS before_signup,
          (SELECT count(*) FROM events WHERE occurred_at >= ${PERIOD_END}::timestamptz) AS after_end,
          (SELECT count(*) FROM churn c JOIN users u USING (user_id) WHERE c.churned_at < u.signup_at OR c.churned_at >= ${PERIOD_END}::timestamptz) AS bad_churn,
          (SELECT count(*) FROM users WHERE plan_id IS NULL) AS no_plan,
          (SELECT count(*) FROM events WHERE event_type = 'purchase') AS purchases,
          (SELECT count(*) FROM events WHERE event_type = 'page_view') AS page_views`);
      expect(Number(row.bad_signups)).toBe(0);
      expect(Number(row.before_signup)).toBe(0);
      expect(Number(row.after_end)).toBe(0);
      expect(Number(row.bad_churn)).toBe(0);
      expect(Number(row.no_plan)).toBeGreaterThan(0);
      expect(Number(row.purchases)).toBeGreaterThan(0);
      expect(Number(row.purchases) * 20).toBeLessThan(Number(row.page_views));
    });

    test('is busier on weekdays than at weekends', async () => {
      const row = await one(w.db, sql<{ weekday: number | string; weekend: number | string }>`
        SELECT avg(dau) FILTER (WHERE dow BETWEEN 1 AND 5) AS weekday, avg(dau) FILTER (WHERE dow IN (6, 7)) AS weekend
        FROM (SELECT extract(isodow FROM occurred_at AT TIME ZONE 'UTC') AS dow, count(DISTINCT user_id) AS dau
              FROM events GROUP BY (occurred_at AT TIME ZONE 'UTC')::date, 1) d`);
      expect(Number(row.weekday)).toBeGreaterThan(Number(row.weekend) * 1.3);
    });

    test('churns free users far more than enterprise ones', async () => {
      const { rows } = await sql<{ plan_id: string; share: number | string }>`
        SELECT u.plan_id, avg(CASE WHEN EXISTS (SELECT 1 FROM churn c WHERE c.user_id = u.user_id) THEN 1.0 ELSE 0.0 END) AS share
        FROM users u WHERE u.plan_id IN ('free', 'enterprise') GROUP BY u.plan_id`.execute(w.db);
      const share = Object.fromEntries(rows.map((r) => [r.plan_id, Number(r.share)]));
      expect(share.free).toBeGreaterThan(0.1);
      expect(share.free).toBeGreaterThan((share.enterprise ?? 0) * 2);
    });

    test('brings some churned users back weeks later, and mostly silences the rest', async () => {
      const row = await one(w.db, sql<Record<string, string | number>>`
        SELECT
          (SELECT count(DISTINCT c.user_id) FROM churn c JOIN events e ON e.user_id = c.user_id
            AND e.occurred_at > c.churned_at + interval '14 days') AS resurrected,
          (SELECT count(*) FROM churn) AS churns,
          (SELECT count(*) FROM events e WHERE EXISTS (SELECT 1 FROM churn c WHERE c.user_id = e.user_id
            AND e.occurred_at > c.churned_at AND e.occurred_at <= c.churned_at + interval '7 days')) AS events_week_after`);
      expect(Number(row.resurrected)).toBeGreaterThanOrEqual(1);
      // Only a few farewell visits (a login and an export) follow a churn within a week.
      expect(Number(row.events_week_after)).toBeLessThan(Number(row.churns) * 2);
    });

    test('clusters events into sessions a 30-minute gap recovers', async () => {
      const row = await one(w.db, sql<Record<string, string | number>>`
        SELECT count(*) FILTER (WHERE prev IS NULL OR occurred_at - prev > interval '30 minutes') AS by_gap,
          count(DISTINCT session_id) AS by_id, count(*) AS events
        FROM (SELECT occurred_at, session_id, lag(occurred_at) OVER (PARTITION BY user_id ORDER BY occurred_at, event_id) AS prev FROM events) e`);
      const byGap = Number(row.by_gap);
      expect(Math.abs(byGap - Number(row.by_id))).toBeLessThanOrEqual(Number(row.by_id) * 0.02);
      expect(Number(row.events) / byGap).toBeGreaterThan(3);
    });

    test('refuses to seed a warehouse that has data, leaving it untouched', async () => {
      const before = await checksums(w.db);
      const version = await readDataVersion(w.db);
      await expect(seedDemoData(w.db, SMALL)).rejects.toThrow(/empty warehouse.*users and events/);
      expect(await checksums(w.db)).toEqual(before);
      expect(await readDataVersion(w.db)).toBe(version);
    });
  });
}

describeSeededFacts('seedDemoData on PGlite', freshPglite);

describe('seedDemoData determinism', () => {
  test('the same options give identical rows; another seed does not', async () => {
    const [a, b, c] = await Promise.all([freshPglite(), freshPglite(), freshPglite()]);
    try {
      await seedDemoData(a.db, SMALL);
      await seedDemoData(b.db, SMALL);
      await seedDemoData(c.db, { ...SMALL, seed: SMALL.seed + 1 });
      const sumA = await checksums(a.db);
      expect(await checksums(b.db)).toEqual(sumA);
      const sumC = await checksums(c.db);
      expect(sumC.plans).toBe(sumA.plans);
      expect(sumC.users).not.toBe(sumA.users);
      expect(sumC.events).not.toBe(sumA.events);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  test('rejects bad options with a clear message', () => {
    expect(() => resolveDemoOptions({ endDate: '2026-02-30' })).toThrow(/endDate/);
    expect(() => resolveDemoOptions({ users: 0 })).toThrow(/users/);
    expect(() => resolveDemoOptions({ days: 1.5 })).toThrow(/days/);
    expect(resolveDemoOptions({})).toEqual({ users: 5000, days: 180, endDate: '2026-10-31', seed: 42 });
  });
});

const databaseUrl = process.env.DATABASE_URL;
(databaseUrl ? describe : describe.skip)('seedDemoData on PostgreSQL', () => {
  const name = `pulse_demo_test_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const scratchUrl = (): string => {
    const url = new URL(databaseUrl ?? '');
    url.pathname = `/${name}`;
    return url.toString();
  };
  const openScratch = async (): Promise<Warehouse> => {
    const w = await openWarehouse({ databaseUrl: scratchUrl(), dataDir: 'memory://' });
    await migrateToLatest(w.db);
    return w;
  };

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  });
  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  describeSeededFacts('facts', openScratch);

  test('gives the same rows as PGlite', async () => {
    const local = await freshPglite();
    const remote = await openWarehouse({ databaseUrl: scratchUrl(), dataDir: 'memory://' });
    try {
      await seedDemoData(local.db, SMALL);
      expect(await checksums(remote.db)).toEqual(await checksums(local.db));
    } finally {
      await Promise.all([local.close(), remote.close()]);
    }
  });
});
