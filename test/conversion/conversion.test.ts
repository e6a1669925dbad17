import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { round } from '../support/metrics';

// Hand-computed over test/fixtures/funnels.ts (read its header): conversion users c1..c9, goal purchase.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('funnels'));
});
afterAll(() => api.pulse.close());

const WEEKS = 'timeRange: {from: "2026-07-06", to: "2026-07-19"}';
type Cohort = Record<string, unknown>;

async function cohorts(args: string, fields = 'cohort size converted conversionRate medianDaysToConvert medianSessionsBeforeConvert'): Promise<Cohort[]> {
  const data = await api.data<{ conversion: { cohorts: Cohort[] } }>(`{ conversion(${args}) { cohorts { ${fields} } } }`);
  return data.conversion.cohorts.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, round(v)])));
}

test('weekly signup cohorts: size, converted, median days and sessions before the first goal', async () => {
  expect(await cohorts(WEEKS)).toEqual([
    // c1 (3.5 d, 2 sessions: 30:00 continues one, 30:01 starts one), c2 (0.5 d, 1), c3 never, c4 (8 d, 3).
    // Medians: days {0.5, 3.5, 8} -> 3.5; sessions {1, 2, 3} -> 2.
    { cohort: '2026-07-06T00:00:00+00:00', size: 4, converted: 3, conversionRate: 0.75, medianDaysToConvert: 3.5, medianSessionsBeforeConvert: 2 },
    // c5 (0 d, 0: the purchase at signup is the first event), c6 never, c7 (1 d, 2: 30:01 splits, the purchase 30:00 later joins).
    // Medians: days {0, 1} -> 0.5; sessions {0, 2} -> 1.
    { cohort: '2026-07-13T00:00:00+00:00', size: 3, converted: 2, conversionRate: 0.666667, medianDaysToConvert: 0.5, medianSessionsBeforeConvert: 1 },
  ]);
});

test('windowDays limits how long after signup a conversion counts (end inclusive)', async () => {
  const seven = await cohorts(`${WEEKS}, windowDays: 7`, 'converted medianDaysToConvert medianSessionsBeforeConvert');
  // c4 converts after 8 days: out. Week 1: days {0.5, 3.5} -> 2, sessions {1, 2} -> 1.5.
  expect(seven).toEqual([
    { converted: 2, medianDaysToConvert: 2, medianSessionsBeforeConvert: 1.5 },
    { converted: 2, medianDaysToConvert: 0.5, medianSessionsBeforeConvert: 1 },
  ]);
  // One day: c2 (12 h) in week 1; c5 (0) and c7 (exactly 24 h) in week 2.
  expect(await cohorts(`${WEEKS}, windowDays: 1`, 'converted')).toEqual([{ converted: 1 }, { converted: 2 }]);
});

test('cohorts are calendar weeks in the query timezone', async () => {
  // Berlin (UTC+2): c8 (signup 07-06 01:59 local) joins week 1, c4 (07-13 01:00 local) moves to week 2,
  // c6 (07-20 01:59 local) falls in a week that starts after the range.
  expect(await cohorts(`${WEEKS}, timezone: "Europe/Berlin"`)).toEqual([
    // c1 (3.5 d, 2), c2 (0.5 d, 1), c8 (0.25 d, 1), c3 never: days {0.25, 0.5, 3.5} -> 0.5; sessions {1, 1, 2} -> 1.
    { cohort: '2026-07-06T00:00:00+02:00', size: 4, converted: 3, conversionRate: 0.75, medianDaysToConvert: 0.5, medianSessionsBeforeConvert: 1 },
    // c4 (8 d, 3), c5 (0 d, 0), c7 (1 d, 2): days {0, 1, 8} -> 1; sessions {0, 2, 3} -> 2.
    { cohort: '2026-07-13T00:00:00+02:00', size: 3, converted: 3, conversionRate: 1, medianDaysToConvert: 1, medianSessionsBeforeConvert: 2 },
  ]);
});

test('weeks may start on Sunday', async () => {
  // Sun 07-05..Sat 07-11: c8 (07-05 23:59), c1, c2, c3; Sun 07-12..Sat 07-18: c4 (07-12 23:00), c5, c7.
  expect(await cohorts('timeRange: {from: "2026-07-05", to: "2026-07-18"}, weekStart: SUNDAY', 'cohort size converted')).toEqual([
    { cohort: '2026-07-05T00:00:00+00:00', size: 4, converted: 3 },
    { cohort: '2026-07-12T00:00:00+00:00', size: 3, converted: 3 },
  ]);
});

test('monthly cohorts; an empty cohort has null rates and medians', async () => {
  const months = await cohorts('timeRange: {from: "2026-07-01", to: "2026-08-31"}, grain: MONTH');
  expect(months).toEqual([
    // c1..c9; converted all but c3 and c6. Days sorted {0, 1/24, 0.25, 0.5, 1, 3.5, 8} -> 0.5; sessions {0, 0, 1, 1, 2, 2, 3} -> 1.
    { cohort: '2026-07-01T00:00:00+00:00', size: 9, converted: 7, conversionRate: 0.777778, medianDaysToConvert: 0.5, medianSessionsBeforeConvert: 1 },
    { cohort: '2026-08-01T00:00:00+00:00', size: 0, converted: 0, conversionRate: null, medianDaysToConvert: null, medianSessionsBeforeConvert: null },
  ]);
  // By day: c1 on Monday, c2 on Tuesday, c3 on Wednesday.
  expect(await cohorts('timeRange: {from: "2026-07-06", to: "2026-07-08"}, grain: DAY', 'size converted')).toEqual([
    { size: 1, converted: 1 },
    { size: 1, converted: 1 },
    { size: 1, converted: 0 },
  ]);
});

test('where narrows cohorts by user dimensions', async () => {
  // DE: c3 (never) in week 1, c7 (1 d, 2 sessions) in week 2.
  expect(await cohorts(`${WEEKS}, where: {country: {eq: "DE"}}`)).toEqual([
    { cohort: '2026-07-06T00:00:00+00:00', size: 1, converted: 0, conversionRate: 0, medianDaysToConvert: null, medianSessionsBeforeConvert: null },
    { cohort: '2026-07-13T00:00:00+00:00', size: 1, converted: 1, conversionRate: 1, medianDaysToConvert: 1, medianSessionsBeforeConvert: 2 },
  ]);
  // Pro, two joins away: c1 in week 1, c7 in week 2.
  expect(await cohorts(`${WEEKS}, where: {plan: {eq: "Pro"}}`, 'size converted medianDaysToConvert')).toEqual([
    { size: 1, converted: 1, medianDaysToConvert: 3.5 },
    { size: 1, converted: 1, medianDaysToConvert: 1 },
  ]);
});

test('another goal; an unknown goal converts nobody', async () => {
  // First view: c1, c2, c3, c4 in week 1; only c7 in week 2 (c5 and c6 never view).
  expect(await cohorts(`${WEEKS}, goalEventType: "view"`, 'converted')).toEqual([{ converted: 4 }, { converted: 1 }]);
  expect(await cohorts(`${WEEKS}, goalEventType: "nosuch"`, 'size converted conversionRate medianDaysToConvert')).toEqual([
    { size: 4, converted: 0, conversionRate: 0, medianDaysToConvert: null },
    { size: 3, converted: 0, conversionRate: 0, medianDaysToConvert: null },
  ]);
});

test('asOf: later signups, goals and cohorts do not exist yet', async () => {
  // 07-12 12:00Z: week 2 starts later (omitted); c4 signs up later; c1 and c2 have converted.
  expect(await cohorts(`${WEEKS}, asOf: "2026-07-12T12:00:00Z"`)).toEqual([
    { cohort: '2026-07-06T00:00:00+00:00', size: 3, converted: 2, conversionRate: 0.666667, medianDaysToConvert: 2, medianSessionsBeforeConvert: 1.5 },
  ]);
});

test('the answer names its goal and carries sql and cached', async () => {
  // A fixed asOf: the default (now, to the minute) could change between the two requests.
  const query = `{ conversion(${WEEKS}, windowDays: 30, asOf: "2026-11-01T00:00:00Z") { goalEventType sql cached } }`;
  const first = await api.data<{ conversion: { goalEventType: string; sql: string; cached: boolean } }>(query);
  expect(first.conversion).toMatchObject({ goalEventType: 'purchase', cached: false });
  expect(first.conversion.sql).toContain("'purchase'::text");
  expect((await api.data<{ conversion: { cached: boolean } }>(query)).conversion.cached).toBe(true);
});

test.each([
  [`${WEEKS}, grain: HOUR`, 'grain', /calendar days or longer/],
  [`${WEEKS}, windowDays: 0`, 'windowDays', /from 1 to 3660; got 0/],
  [`${WEEKS}, timezone: "Mars/Olympus"`, 'timezone', /not a known IANA timezone/],
  [`${WEEKS}, where: {platform: {eq: "web"}}`, 'where', /dimension "platform" is not reachable from users/],
])('%s is rejected as BAD_USER_INPUT naming %s', async (args, argument, message) => {
  const answer = await api.query(`{ conversion(${args}) { cohorts { size } } }`);
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
  expect(answer.errors?.[0]?.message).toMatch(message);
});
