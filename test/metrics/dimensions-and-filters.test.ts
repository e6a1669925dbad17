import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { rows, smallCatalog } from '../support/metrics';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

const JAN = 'timeRange: {from: "2026-01-01", to: "2026-01-31"}';

test('grouping by an event dimension with a grain returns only groups with data', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-05"}, grain: DAY', 'period platform activeUsers');
  expect(r.map((x) => [String(x.period).slice(0, 10), x.platform, x.activeUsers])).toEqual([
    ['2026-01-01', 'ios', 1],
    ['2026-01-01', 'web', 1],
    ['2026-01-02', 'web', 1],
    ['2026-01-03', 'android', 1],
    ['2026-01-04', 'ios', 1],
    ['2026-01-05', 'ios', 1],
    ['2026-01-05', 'web', 1],
  ]);
});

test('a missing value is its own group, returned as null', async () => {
  expect(await rows(api, JAN, 'platform events')).toEqual([
    { platform: 'android', events: 2 },
    { platform: 'ios', events: 3 },
    { platform: 'web', events: 5 },
    { platform: null, events: 1 },
  ]);
});

test('user dimensions through joins: plan (users -> plans), signup month', async () => {
  expect(await rows(api, JAN, 'plan events')).toEqual([
    { plan: 'Free', events: 4 },
    { plan: 'Pro', events: 5 },
    { plan: null, events: 2 },
  ]);
  expect(await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-02-28"}', 'signupMonth newUsers')).toEqual([
    { signupMonth: '2026-01', newUsers: 4 },
    { signupMonth: '2026-02', newUsers: 1 },
  ]);
});

test('tenure: whole days from signup to the event, bucketed', async () => {
  expect(await rows(api, JAN, 'tenure events')).toEqual([
    { tenure: '0-6', events: 9 },
    { tenure: '7-29', events: 2 },
  ]);
});

test('two dimensions at once', async () => {
  expect(await rows(api, JAN, 'country plan activeUsers')).toEqual([
    { country: 'DE', plan: 'Free', activeUsers: 1 },
    { country: 'US', plan: 'Pro', activeUsers: 1 },
    { country: 'US', plan: null, activeUsers: 1 },
    { country: null, plan: 'Free', activeUsers: 1 },
  ]);
});

test.each([
  ['{platform: {eq: "web"}}', 5, 2],
  ['{platform: {neq: "ios"}}', 8, 3],
  ['{platform: {in: ["ios", "android"]}}', 5, 3],
  ['{platform: {notIn: ["web"]}}', 6, 4],
  ['{platform: {contains: "WE"}}', 5, 2],
  ['{platform: {isNull: true}}', 1, 1],
  ['{platform: {in: []}}', 0, 0],
  ['{OR: [{platform: {eq: "ios"}}, {country: {eq: "US"}}]}', 9, 3],
  ['{AND: [{country: {eq: "US"}}, {platform: {neq: "web"}}]}', 3, 2],
  ['{country: {eq: "US"}, platform: {eq: "web"}}', 4, 1],
  ['{plan: {eq: "Free"}}', 4, 2],
])('where %s', async (where, events, activeUsers) => {
  expect(await rows(api, `${JAN}, where: ${where}`, 'events activeUsers')).toEqual([{ events, activeUsers }]);
});

test('orderBy a metric, descending, with limit', async () => {
  const r = await rows(api, `${JAN}, orderBy: [{field: EVENTS, direction: DESC}], limit: 2`, 'platform events');
  expect(r).toEqual([
    { platform: 'web', events: 5 },
    { platform: 'ios', events: 3 },
  ]);
});

test('orderBy a metric that is not selected still orders', async () => {
  const r = await rows(api, `${JAN}, orderBy: [{field: ACTIVE_USERS, direction: DESC}, {field: PLATFORM, direction: DESC}]`, 'platform');
  expect(r.map((x) => x.platform)).toEqual(['web', 'ios', 'android', null]);
});
