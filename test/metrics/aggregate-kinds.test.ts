import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { rows, smallCatalog } from '../support/metrics';

// Orders: o1 u1 Jan 1 10, o2 u1 Jan 2 30, o3 u2 Jan 2 20, o4 u3 Jan 5 40.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

test('sum, avg, min, max and percentiles over a week', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-07"}', 'revenue avgOrder minOrder maxOrder medianOrder p90Order');
  // percentile_cont: median of 10,20,30,40 = 25; p90 at position 2.7 = 30 + 0.7 * 10 = 37.
  expect(r).toEqual([{ revenue: 100, avgOrder: 25, minOrder: 10, maxOrder: 40, medianOrder: 25, p90Order: 37 }]);
});

test('by day: empty buckets give 0 for sums and null for means, minima and percentiles', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-03"}, grain: DAY', 'revenue avgOrder minOrder maxOrder medianOrder');
  expect(r).toEqual([
    { revenue: 10, avgOrder: 10, minOrder: 10, maxOrder: 10, medianOrder: 10 },
    { revenue: 50, avgOrder: 25, minOrder: 20, maxOrder: 30, medianOrder: 25 },
    { revenue: 0, avgOrder: null, minOrder: null, maxOrder: null, medianOrder: null },
  ]);
});

test('a numeric metric grouped by a user dimension through a join', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-07"}', 'plan revenue');
  expect(r).toEqual([
    { plan: 'Free', revenue: 20 },
    { plan: 'Pro', revenue: 40 },
    { plan: null, revenue: 40 },
  ]);
});

test('a filtered count and derived arithmetic across models', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-01", to: "2026-01-07"}', 'purchases revenuePerUser eventsX2Minus1 events activeUsers');
  // events Jan 1-7: 9; active users: u1, u2, u3, u4.
  expect(r).toEqual([{ purchases: 1, revenuePerUser: 25, eventsX2Minus1: 17, events: 9, activeUsers: 4 }]);
});

test('a derived ratio is null when its denominator is 0', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-01-07", to: "2026-01-07"}', 'revenuePerUser engagementFrequency stickiness');
  expect(r).toEqual([{ revenuePerUser: null, engagementFrequency: null, stickiness: 0 }]);
});
