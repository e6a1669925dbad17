import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// demo_small (generate -> ingest: 600 users, 60 days to 2026-10-31): every metric and analysis across grains,
// zones, week starts, ranges that clip, dimensions and filters. createTestApi answers each twice, from marts
// and from raw tables only, and fails on any difference; here we also check that marts did answer.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('demo_small'));
});
afterAll(() => api.pulse.close());

const METRICS = 'events activeUsers dau wau mau stickiness newUsers churnedUsers churnRate inactiveUsers sessions avgSessionDuration engagementFrequency sessionsPerUser';
const RANGES = [
  { from: '2026-09-07', to: '2026-10-25' }, // whole Monday weeks
  { from: '2026-09-03', to: '2026-10-29' }, // clipped at both ends
  { from: '2026-10-01', to: '2026-10-31' }, // a whole month
];
const TIME = [
  'grain: DAY', 'grain: WEEK', 'grain: WEEK, weekStart: SUNDAY', 'grain: MONTH', 'grain: QUARTER', '',
  'grain: DAY, timezone: "Europe/Berlin"', 'grain: WEEK, timezone: "America/New_York"', 'grain: MONTH, timezone: "Asia/Tokyo"',
];

/** Every (range, time) pair as aliased fields of one document per range. */
function documents(rows: string, where = '', times = TIME, ranges = RANGES): string[] {
  return ranges.map((range) => `{ ${times.map((time, i) => `t${i}: metrics(timeRange: {from: "${range.from}", to: "${range.to}"}${time ? `, ${time}` : ''}${where}) { rows { ${rows} } meta { source } }`).join('\n')} }`);
}

// Grouped and filtered requests: fewer combinations (the raw side of each is slow on PGlite).
const SOME_TIMES = ['grain: DAY', 'grain: WEEK', 'grain: MONTH, timezone: "Europe/Berlin"'];
const SOME_RANGES = RANGES.slice(0, 2);

async function sources(document: string): Promise<string[]> {
  const data = await api.data(document);
  return Object.values(data).map((field) => (field as { meta: { source: string } }).meta.source);
}

test('every metric, without dimensions, equals the raw answer; kept zones read marts for all but new and churned users', async () => {
  const seen: string[] = [];
  for (const document of documents(`period ${METRICS}`)) seen.push(...(await sources(document)));
  // new_users and churned_users read users and churn: raw. Asia/Tokyo is not a kept zone: only sessions come from a mart.
  const tokyo = TIME.findIndex((t) => t.includes('Tokyo'));
  seen.forEach((source, i) => expect(source).toMatch(i % TIME.length === tokyo ? /^sessions,raw$/ : /^(?=.*user_day)(?=.*raw$)[a-z_,]+$/));
  expect(seen[0]).toBe('daily,trailing_users,daily_churn,user_day,raw');
});

test('churn rate from churn marts by grain, zone, week start, user dimensions and filters; clipped buckets and quarters from raw', async () => {
  const times = ['grain: DAY', 'grain: WEEK', 'grain: WEEK, weekStart: SUNDAY', 'grain: MONTH, timezone: "America/New_York"', 'grain: QUARTER', ''];
  const cases: Array<[string, string]> = [
    ['period churnRate', ''],
    ['period plan country churnRate', ''],
    ['period acquisitionSource churnRate', ', where: {plan: {neq: "Free"}}'],
  ];
  for (const [rows, where] of cases) {
    const [weeks, clipped, month] = await Promise.all(documents(rows, where, times).map(sources));
    // Whole Monday weeks (2026-09-07..10-25): Sunday weeks and months are clipped there.
    expect(weeks).toEqual(['daily_churn', 'weekly_churn', 'raw', 'raw', 'raw', 'raw']);
    expect(clipped).toEqual(['daily_churn', 'raw', 'raw', 'raw', 'raw', 'raw']);
    expect(month).toEqual(['daily_churn', 'raw', 'raw', 'monthly_churn', 'raw', 'raw']);
  }
});

test.each([
  ['a user dimension', 'country'],
  ['a dimension through a join', 'plan'],
  ['two user dimensions', 'acquisitionSource country'],
  ['an event dimension', 'platform'],
  ['a calendar dimension read in the zone', 'signupMonth'],
])('grouped by %s', async (_name, dims) => {
  // inactive_users by event dimensions is rejected; by two dimensions its raw side is slow on PGlite.
  const metrics = `events activeUsers dau wau mau sessions avgSessionDuration${dims === 'platform' || dims.includes(' ') ? '' : ' inactiveUsers'}`;
  for (const document of documents(`period ${dims} ${metrics}`, '', SOME_TIMES, SOME_RANGES)) await sources(document);
});

test.each([
  ['a user filter', ', where: {country: {in: ["US", "DE"]}}'],
  ['a negated filter that keeps missing values', ', where: {plan: {neq: "Free"}}'],
  ['an event filter', ', where: {platform: {eq: "ios"}}'],
  ['AND / OR across user dimensions', ', where: {OR: [{country: {eq: "US"}}, {acquisitionSource: {eq: "organic"}}]}'],
])('filtered by %s', async (_name, where) => {
  const metrics = where.includes('platform') ? 'events activeUsers dau wau mau sessions' : METRICS;
  for (const document of documents(`period ${metrics}`, where, SOME_TIMES, SOME_RANGES)) await sources(document);
});

test('analyses across grains, zones, week starts, cohorts, asOf and breakdowns', async () => {
  const seen = await sources(`{
    a: lifecycle(timeRange: {from: "2026-09-07", to: "2026-10-25"}) { periods { period new retained resurrected dormant churned } meta { source } }
    b: lifecycle(timeRange: {from: "2026-09-03", to: "2026-10-29"}, grain: DAY, timezone: "Europe/Berlin") { periods { period new retained resurrected dormant churned } meta { source } }
    c: lifecycle(timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: MONTH, timezone: "America/New_York") { periods { period new retained resurrected dormant churned } meta { source } }
    d: lifecycle(timeRange: {from: "2026-09-06", to: "2026-10-24"}, weekStart: SUNDAY, where: {plan: {eq: "Pro"}}) { periods { period new retained resurrected dormant churned } meta { source } }
    e: lifecycle(timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: QUARTER) { periods { period new retained resurrected dormant churned } meta { source } }
    f: retention(timeRange: {from: "2026-09-01", to: "2026-10-31"}, periods: 6, asOf: "2026-10-21T12:00:00Z") { cohorts { cohort size periods { offset retained rate } } meta { source } }
    g: retention(timeRange: {from: "2026-09-01", to: "2026-10-31"}, periods: 6, cohort: FIRST_ACTIVITY, asOf: "2026-11-01T00:00:00Z", timezone: "Europe/Berlin") { cohorts { cohort size periods { retained } } meta { source } }
    h: retention(timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: DAY, periods: 10, asOf: "2026-10-15T00:00:00Z", breakdown: PLAN) { cohorts { cohort breakdown size periods { retained } } meta { source } }
    i: retention(timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: MONTH, periods: 3, asOf: "2026-11-01T00:00:00Z", where: {country: {eq: "US"}}) { cohorts { cohort size periods { retained } } meta { source } }
    j: users(asOf: "2026-11-01T00:00:00Z", first: 20) { totalCount edges { node { userId totalEvents lastActiveAt daysSinceLastActive status plan } } meta { source } }
    k: users(asOf: "2026-11-01T00:00:00Z", status: INACTIVE, where: {plan: {eq: "Free"}}, orderBy: {field: TOTAL_EVENTS, direction: DESC}, first: 20) { totalCount edges { node { userId totalEvents status } } meta { source } }
    l: users(asOf: "2026-10-15T08:00:00Z", first: 20) { totalCount edges { node { userId totalEvents lastActiveAt status } } meta { source } }
    m: retention(timeRange: {from: "2026-09-01", to: "2026-10-31"}, periods: 8, asOf: "2026-11-01T00:00:00Z", timezone: "America/New_York") { cohorts { cohort size periods { offset periodStart retained } } meta { source } }
    n: retention(timeRange: {from: "2026-09-03", to: "2026-10-29"}, grain: DAY, periods: 20, asOf: "2026-11-02T00:00:00Z") { cohorts { cohort size periods { retained } } meta { source } }
  }`);
  expect(seen).toEqual([
    'weekly_lifecycle', 'daily_lifecycle', 'monthly_lifecycle', 'user_day', 'user_month',
    'user_week', 'user_week', 'user_day', 'user_month', 'user_totals', 'user_totals', 'raw', 'weekly_retention', 'daily_retention',
  ]);
});
