import { sql } from 'kysely';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// demo_small: generate -> ingest of 600 users over the 60 days up to 2026-10-31 (from 2026-09-02).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('demo_small'));
});
afterAll(() => api.pulse.close());

interface Period {
  period: string;
  new: number;
  retained: number;
  resurrected: number;
  dormant: number;
  churned: number;
}

async function lifecycle(args: string): Promise<Period[]> {
  const data = await api.data(`{ lifecycle(${args}) { periods { period new retained resurrected dormant churned } } }`);
  return data.lifecycle.periods;
}

async function activeUsers(args: string): Promise<Map<string, number>> {
  const data = await api.data(`{ metrics(${args}) { rows { period activeUsers } } }`);
  return new Map(data.metrics.rows.map((r: { period: string; activeUsers: number }) => [r.period, r.activeUsers]));
}

// Each case: the lifecycle arguments, and a metrics range of whole buckets that starts one bucket earlier (for P-1).
test.each([
  ['WEEK', 'timeRange: {from: "2026-09-01", to: "2026-10-31"}', 'timeRange: {from: "2026-08-24", to: "2026-11-01"}, grain: WEEK'],
  ['WEEK, web only', 'timeRange: {from: "2026-09-01", to: "2026-10-31"}, where: {platform: {eq: "web"}}', 'timeRange: {from: "2026-08-24", to: "2026-11-01"}, grain: WEEK, where: {platform: {eq: "web"}}'],
  ['WEEK, Sunday, plan Free', 'timeRange: {from: "2026-09-01", to: "2026-10-31"}, weekStart: SUNDAY, where: {plan: {eq: "Free"}}', 'timeRange: {from: "2026-08-23", to: "2026-10-31"}, grain: WEEK, weekStart: SUNDAY, where: {plan: {eq: "Free"}}'],
  ['DAY, Berlin (fall-back on Oct 25)', 'timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY, timezone: "Europe/Berlin"', 'timeRange: {from: "2026-09-30", to: "2026-10-31"}, grain: DAY, timezone: "Europe/Berlin"'],
  ['MONTH', 'timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: MONTH', 'timeRange: {from: "2026-08-01", to: "2026-10-31"}, grain: MONTH'],
])('%s: new + retained + resurrected = active(P); dormant = active(P-1) - retained', async (_name, lifecycleArgs, metricArgs) => {
  const periods = await lifecycle(lifecycleArgs);
  const active = await activeUsers(metricArgs);
  const buckets = [...active.keys()];
  expect(buckets.slice(1)).toEqual(periods.map((p) => p.period));
  periods.forEach((p, i) => {
    expect(p.new + p.retained + p.resurrected).toBe(active.get(p.period));
    expect(p.dormant).toBe((active.get(buckets[i] as string) ?? NaN) - p.retained);
  });
  // The data set is big enough that every state occurs (churned needs three buckets of history).
  if (periods.length > 2) for (const state of ['new', 'retained', 'resurrected', 'dormant', 'churned'] as const) {
    expect(periods.some((p) => p[state] > 0)).toBe(true);
  }
});

test('all five states match a per-user reading of SPEC §6 (UTC Monday weeks)', async () => {
  const { rows } = await sql<{ user_id: string; day: number }>`
    SELECT DISTINCT user_id, floor(extract(epoch FROM occurred_at) / 86400)::int AS day FROM events`.execute(api.pulse.warehouse.db);
  // 1970-01-01 was a Thursday: +3 makes weeks start on Monday. Week of 2026-08-31 = 20695.
  const weeksOf = new Map<string, Set<number>>();
  for (const { user_id, day } of rows) {
    const weeks = weeksOf.get(user_id) ?? new Set<number>();
    weeks.add(Math.floor((day + 3) / 7));
    weeksOf.set(user_id, weeks);
  }
  const first = Math.floor((Date.UTC(2026, 7, 31) / 86_400_000 + 3) / 7);
  const expected = Array.from({ length: 9 }, (_, i) => {
    const p = first + i;
    const counts = { new: 0, retained: 0, resurrected: 0, dormant: 0, churned: 0 };
    for (const weeks of weeksOf.values()) {
      const earliest = Math.min(...weeks);
      if (weeks.has(p) && earliest === p) counts.new++;
      else if (weeks.has(p) && weeks.has(p - 1)) counts.retained++;
      else if (weeks.has(p) && earliest < p - 1) counts.resurrected++;
      else if (!weeks.has(p) && weeks.has(p - 1)) counts.dormant++;
      else if (!weeks.has(p) && !weeks.has(p - 1) && earliest < p - 1) counts.churned++;
    }
    return counts;
  });
  const periods = await lifecycle('timeRange: {from: "2026-09-01", to: "2026-10-31"}');
  expect(periods.map(({ period: _period, ...counts }) => counts)).toEqual(expected);
});
