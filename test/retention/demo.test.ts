import { sql } from 'kysely';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// demo_small: generate -> ingest of 600 users over the 60 days up to 2026-10-31 (from 2026-09-02).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('demo_small'));
});
afterAll(() => api.pulse.close());

const DAY = 86_400_000;
/** Monday-week number of an instant in UTC (1970-01-01 was a Thursday). */
const week = (ms: number): number => Math.floor((Math.floor(ms / DAY) + 3) / 7);

/**
 * SPEC §5 read per user, in JS: weekly UTC cohorts starting in [from, to], offsets 0..periods-1,
 * activity up to asOf, offsets starting after asOf left out.
 */
async function expected(from: string, to: string, periods: number, asOf: Date, cohortBy: 'SIGNUP' | 'FIRST_ACTIVITY', platform: string | null) {
  const db = api.pulse.warehouse.db;
  const users = await db.selectFrom('users').select(['user_id', 'signup_at']).execute();
  const events = await sql<{ user_id: string; at: Date }>`
    SELECT user_id, occurred_at AS at FROM events WHERE occurred_at <= ${asOf.toISOString()}::timestamptz
      AND (${platform}::text IS NULL OR platform = ${platform}::text)`.execute(db);
  const weeksOf = new Map<string, Set<number>>();
  const firstOf = new Map<string, number>();
  for (const e of events.rows) {
    const t = new Date(e.at).getTime();
    weeksOf.set(e.user_id, (weeksOf.get(e.user_id) ?? new Set<number>()).add(week(t)));
    firstOf.set(e.user_id, Math.min(firstOf.get(e.user_id) ?? Infinity, t));
  }
  const joined = new Map<string, number>();
  for (const u of users) {
    const at = cohortBy === 'SIGNUP' ? new Date(u.signup_at).getTime() : firstOf.get(u.user_id);
    if (at !== undefined && at <= asOf.getTime()) joined.set(u.user_id, week(at));
  }
  const out = [];
  const firstWeek = Math.ceil((Date.parse(`${from}T00:00:00Z`) / DAY + 3) / 7);
  for (let c = firstWeek; (c * 7 - 3) * DAY <= Date.parse(`${to}T00:00:00Z`) && (c * 7 - 3) * DAY <= asOf.getTime(); c++) {
    const members = [...joined].filter(([, w]) => w === c).map(([id]) => id);
    const retained = [];
    for (let k = 0; k < periods && ((c + k) * 7 - 3) * DAY <= asOf.getTime(); k++) {
      retained.push(members.filter((id) => weeksOf.get(id)?.has(c + k)).length);
    }
    out.push({ cohort: new Date((c * 7 - 3) * DAY).toISOString().replace('.000Z', '+00:00'), size: members.length, retained });
  }
  return out;
}

test.each([
  ['SIGNUP', null],
  ['FIRST_ACTIVITY', null],
  ['SIGNUP', 'ios'],
  ['FIRST_ACTIVITY', 'web'],
] as const)('weekly %s cohorts (platform %s) match a per-user reading of SPEC §5', async (cohortBy, platform) => {
  const asOf = new Date('2026-10-21T12:00:00Z');
  const where = platform ? `, where: {platform: {eq: "${platform}"}}` : '';
  const data = await api.data(`{ retention(timeRange: {from: "2026-09-01", to: "2026-10-31"}, periods: 6, cohort: ${cohortBy},
    asOf: "${asOf.toISOString()}"${where}) { cohorts { cohort size periods { retained } } } }`);
  const got = data.retention.cohorts.map((c: { cohort: string; size: number; periods: Array<{ retained: number }> }) => ({
    cohort: c.cohort,
    size: c.size,
    retained: c.periods.map((p) => p.retained),
  }));
  const want = await expected('2026-09-01', '2026-10-31', 6, asOf, cohortBy, platform);
  expect(got).toEqual(want);
  // Cohorts Sep 7 .. Oct 19 (Oct 26 starts after asOf); the data set fills them.
  expect(got).toHaveLength(7);
  expect(got.every((c: { size: number }) => c.size > 0)).toBe(true);
});
