import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { column, rows, smallCatalog } from '../support/metrics';

// Hand-computed over test/fixtures/small.ts (UTC unless stated).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

test('DAY: counts, distinct users, dau and gap filling', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-08"}, grain: DAY', 'period events activeUsers dau newUsers');
  expect(r.map((x) => x.period)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((d) => `2026-01-0${d}T00:00:00+00:00`));
  expect(column(r, 'events')).toEqual([3, 1, 1, 1, 2, 1, 0, 1]);
  expect(column(r, 'activeUsers')).toEqual([2, 1, 1, 1, 2, 1, 0, 1]);
  expect(column(r, 'dau')).toEqual([2, 1, 1, 1, 2, 1, 0, 1]);
  expect(column(r, 'newUsers')).toEqual([2, 0, 1, 0, 1, 0, 0, 0]);
});

test('WEEK (Monday): clipped first and last weeks, dau over the clipped days', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-14"}, grain: WEEK', 'period events activeUsers dau engagementFrequency');
  expect(r.map((x) => x.period)).toEqual(['2025-12-29T00:00:00+00:00', '2026-01-05T00:00:00+00:00', '2026-01-12T00:00:00+00:00']);
  expect(column(r, 'events')).toEqual([6, 4, 1]);
  expect(column(r, 'activeUsers')).toEqual([3, 2, 1]);
  expect(column(r, 'dau')).toEqual([1.25, 0.571429, 0.333333]);
  expect(column(r, 'engagementFrequency')).toEqual([2, 2, 1]);
});

test('WEEK (Sunday start)', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-14"}, grain: WEEK, weekStart: SUNDAY', 'period events activeUsers dau');
  expect(r.map((x) => x.period)).toEqual(['2025-12-28T00:00:00+00:00', '2026-01-04T00:00:00+00:00', '2026-01-11T00:00:00+00:00']);
  expect(column(r, 'events')).toEqual([5, 5, 1]);
  expect(column(r, 'activeUsers')).toEqual([3, 3, 1]);
  expect(column(r, 'dau')).toEqual([1.333333, 0.714286, 0.25]);
});

test('MONTH clipped to the range', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-15", to: "2026-02-10"}, grain: MONTH', 'period events dau');
  expect(r.map((x) => x.period)).toEqual(['2026-01-01T00:00:00+00:00', '2026-02-01T00:00:00+00:00']);
  expect(column(r, 'events')).toEqual([0, 1]);
  expect(column(r, 'dau')).toEqual([0, 0.1]);
});

test('MONTH, QUARTER and YEAR', async () => {
  const month = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-03-31"}, grain: MONTH', 'period events');
  expect(column(month, 'events')).toEqual([11, 1, 6]);
  const quarter = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-12-31"}, grain: QUARTER', 'period events');
  expect(quarter.map((x) => x.period)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01'].map((d) => `${d}T00:00:00+00:00`));
  expect(column(quarter, 'events')).toEqual([18, 0, 0, 4]);
  const year = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-12-31"}, grain: YEAR', 'period events activeUsers');
  expect(year).toEqual([{ period: '2026-01-01T00:00:00+00:00', events: 22, activeUsers: 4 }]);
});

test('HOUR', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-01"}, grain: HOUR', 'period events');
  expect(r).toHaveLength(24);
  expect(r[9]).toEqual({ period: '2026-01-01T09:00:00+00:00', events: 2 });
  expect(r[13]).toEqual({ period: '2026-01-01T13:00:00+00:00', events: 1 });
  expect(column(r, 'events').reduce((a, b) => (a as number) + (b as number), 0)).toBe(3);
});

test('no grain: one bucket, the whole range', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-31"}', 'period events activeUsers dau newUsers churnedUsers wau mau');
  expect(r).toHaveLength(1);
  expect(r[0]?.period).toBe('2026-01-01T00:00:00+00:00');
  expect(column(r, 'events')).toEqual([11]);
  expect(column(r, 'activeUsers')).toEqual([4]);
  expect(column(r, 'dau')).toEqual([0.322581]); // 10 user-days / 31 days
  expect(column(r, 'newUsers')).toEqual([4]);
  expect(column(r, 'churnedUsers')).toEqual([2]);
  expect(column(r, 'wau')).toEqual([0]); // [Jan 25, Feb 1): nobody
  expect(column(r, 'mau')).toEqual([4]); // [Jan 2, Feb 1)
});
