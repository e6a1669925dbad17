import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { column, rows, smallCatalog } from '../support/metrics';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

test('wau and mau look back before the range start', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-08", to: "2026-01-08"}, grain: DAY', 'wau mau dau stickiness');
  // wau: [Jan 2, Jan 9) -> u1, u3, u2, u4; mau: [Dec 10, Jan 9) -> all four.
  expect(r).toEqual([{ wau: 4, mau: 4, dau: 1, stickiness: 0.25 }]);
});

test('wau and mau by day', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-31", to: "2026-02-05"}, grain: DAY', 'wau mau');
  // mau on day D counts [D - 29, D + 1): u1 last active Jan 8, u3 Jan 12, u4 Jan 6, u2 Feb 1.
  // Feb 5's window [Jan 7, Feb 6) is the first to lose u4.
  expect(column(r, 'mau')).toEqual([4, 4, 4, 4, 4, 3]);
  expect(column(r, 'wau')).toEqual([0, 1, 1, 1, 1, 1]);
});

test('churn rate: at-risk users at the bucket start, first churn inside it', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-05", to: "2026-01-25"}, grain: WEEK', 'period churnRate churnedUsers');
  expect(column(r, 'churnRate')).toEqual([0.333333, 0, 0.333333]);
  expect(column(r, 'churnedUsers')).toEqual([1, 0, 1]);
});

test('churn rate is null when nobody is at risk', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-02-28"}, grain: MONTH', 'churnRate churnedUsers');
  // January: nobody signed up before Jan 1 00:00. February: u1 and u3 at risk; u2's second churn does not count.
  expect(r).toEqual([
    { churnRate: null, churnedUsers: 2 },
    { churnRate: 0, churnedUsers: 1 },
  ]);
});

test('churn rate by plan', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-05", to: "2026-01-11"}', 'plan churnRate');
  expect(r).toEqual([
    { plan: 'Free', churnRate: 1 },
    { plan: 'Pro', churnRate: 0 },
    { plan: null, churnRate: 0 },
  ]);
});

test('inactive users: signed up 30+ days before the end, no activity in the 30 days', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-02-10", to: "2026-02-12"}, grain: DAY', 'inactiveUsers');
  expect(column(r, 'inactiveUsers')).toEqual([2, 3, 3]);
});

test('inactive users: event filters narrow activity, user filters narrow users', async () => {
  const ios = await rows(api, 'timeRange: {from: "2026-02-10", to: "2026-02-10"}, where: {platform: {eq: "ios"}}', 'inactiveUsers');
  expect(ios).toEqual([{ inactiveUsers: 3 }]);
  const us = await rows(api, 'timeRange: {from: "2026-02-10", to: "2026-02-10"}, where: {country: {eq: "US"}}', 'inactiveUsers');
  expect(us).toEqual([{ inactiveUsers: 1 }]);
});

test('trailing windows by a dimension and under a filter', async () => {
  // mau on Jan 8 = [Dec 10, Jan 9): web u1, u4; ios u2, u1; android u3; no platform u4.
  expect(await rows(api, 'timeRange: {from: "2026-01-08", to: "2026-01-08"}', 'platform mau')).toEqual([
    { platform: 'android', mau: 1 },
    { platform: 'ios', mau: 2 },
    { platform: 'web', mau: 2 },
    { platform: null, mau: 1 },
  ]);
  // wau on Jan 8 = [Jan 2, Jan 9) for Free users: u2 (Jan 4), u4 (Jan 5, 6).
  expect(await rows(api, 'timeRange: {from: "2026-01-08", to: "2026-01-08"}, where: {plan: {eq: "Free"}}', 'wau')).toEqual([{ wau: 2 }]);
});

test('HOUR windows end at each hour; the last hour of a day matches the day', async () => {
  const hours = await rows(api, 'timeRange: {from: "2026-01-12", to: "2026-01-12"}, grain: HOUR', 'wau');
  const day = await rows(api, 'timeRange: {from: "2026-01-12", to: "2026-01-12"}, grain: DAY', 'wau');
  expect(day).toEqual([{ wau: 3 }]);
  expect(hours[23]).toEqual({ wau: 3 });
  // 00:00-01:00 ends at 01:00: [Jan 5 01:00, Jan 12 01:00) still holds u1 (Jan 5 09:00, Jan 8), u4, u3 (00:30).
  expect(hours[0]).toEqual({ wau: 3 });
});
