import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { column, rows, smallCatalog } from '../support/metrics';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

test('Europe/Berlin days across the spring-forward change (a 23-hour day)', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-03-28", to: "2026-03-30"}, grain: DAY, timezone: "Europe/Berlin"', 'period events activeUsers');
  expect(r).toEqual([
    { period: '2026-03-28T00:00:00+01:00', events: 0, activeUsers: 0 },
    { period: '2026-03-29T00:00:00+01:00', events: 2, activeUsers: 2 },
    { period: '2026-03-30T00:00:00+02:00', events: 1, activeUsers: 1 },
  ]);
  const utc = await rows(api, 'timeRange: {from: "2026-03-28", to: "2026-03-30"}, grain: DAY', 'events');
  expect(column(utc, 'events')).toEqual([1, 2, 0]);
});

test('Europe/Berlin hours: 23 on the spring-forward day, 25 on the fall-back day', async () => {
  const spring = await rows(api, 'timeRange: {from: "2026-03-29", to: "2026-03-29"}, grain: HOUR, timezone: "Europe/Berlin"', 'period events');
  expect(spring).toHaveLength(23);
  expect(spring.slice(0, 3)).toEqual([
    { period: '2026-03-29T00:00:00+01:00', events: 1 },
    { period: '2026-03-29T01:00:00+01:00', events: 0 },
    { period: '2026-03-29T03:00:00+02:00', events: 0 },
  ]);
  expect(spring[22]).toEqual({ period: '2026-03-29T23:00:00+02:00', events: 1 });

  const fall = await rows(api, 'timeRange: {from: "2026-10-25", to: "2026-10-25"}, grain: HOUR, timezone: "Europe/Berlin"', 'period events');
  expect(fall).toHaveLength(25);
  expect(fall.slice(0, 4)).toEqual([
    { period: '2026-10-25T00:00:00+02:00', events: 1 },
    { period: '2026-10-25T01:00:00+02:00', events: 0 },
    { period: '2026-10-25T02:00:00+02:00', events: 1 },
    { period: '2026-10-25T02:00:00+01:00', events: 1 },
  ]);
  expect(fall[24]).toEqual({ period: '2026-10-25T23:00:00+01:00', events: 1 });
});

test('Europe/Berlin fall-back day holds 25 hours of events', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-10-25", to: "2026-10-25"}, timezone: "Europe/Berlin"', 'events activeUsers');
  expect(r).toEqual([{ events: 4, activeUsers: 3 }]);
});

test('America/New_York across its spring-forward change', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-03-07", to: "2026-03-08"}, grain: DAY, timezone: "America/New_York"', 'period events');
  expect(r).toEqual([
    { period: '2026-03-07T00:00:00-05:00', events: 1 },
    { period: '2026-03-08T00:00:00-05:00', events: 1 },
  ]);
});

test('wau counts 7 calendar days in the query zone, not 7 x 24 hours', async () => {
  // Berlin 2026-03-30 ends at 22:00Z; 7 calendar days back is 2026-03-23 23:00Z (167 hours),
  // which leaves out u4's event at 22:30Z. In UTC, 2026-03-29's window [03-23, 03-30) includes it.
  const berlin = await rows(api, 'timeRange: {from: "2026-03-30", to: "2026-03-30"}, timezone: "Europe/Berlin"', 'wau');
  expect(berlin).toEqual([{ wau: 3 }]);
  const utc = await rows(api, 'timeRange: {from: "2026-03-29", to: "2026-03-29"}', 'wau');
  expect(utc).toEqual([{ wau: 4 }]);
});

test('weeks in a timezone with Sunday start', async () => {
  const r = await rows(api, 'timeRange: {from: "2026-03-22", to: "2026-04-04"}, grain: WEEK, weekStart: SUNDAY, timezone: "Europe/Berlin"', 'period events');
  expect(r).toEqual([
    { period: '2026-03-22T00:00:00+01:00', events: 1 },
    { period: '2026-03-29T00:00:00+01:00', events: 3 },
  ]);
});
