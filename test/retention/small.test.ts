import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';
import { cohorts, line } from './helpers';

// Users, events and their times are in test/fixtures/small.ts (all UTC here).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

test('DAY cohorts: empty days are cohorts of size 0 with a null rate', async () => {
  // Jan 1: u1, u2 -> day 0 both (e01..e03), day 1 u1 (e04), day 2 nobody.
  // Jan 2, Jan 4: nobody signed up. Jan 3: u3 -> e05 (23:30) on day 0 only.
  // Jan 5: u4 -> e08 day 0, e09 day 1.
  expect(await cohorts(api, 'timeRange: {from: "2026-01-01", to: "2026-01-05"}, grain: DAY, periods: 3')).toEqual([
    { cohort: '2026-01-01T00:00:00+00:00', breakdown: null, size: 2, retained: [2, 1, 0], rate: [1, 0.5, 0] },
    { cohort: '2026-01-02T00:00:00+00:00', breakdown: null, size: 0, retained: [0, 0, 0], rate: [null, null, null] },
    { cohort: '2026-01-03T00:00:00+00:00', breakdown: null, size: 1, retained: [1, 0, 0], rate: [1, 0, 0] },
    { cohort: '2026-01-04T00:00:00+00:00', breakdown: null, size: 0, retained: [0, 0, 0], rate: [null, null, null] },
    { cohort: '2026-01-05T00:00:00+00:00', breakdown: null, size: 1, retained: [1, 1, 0], rate: [1, 1, 0] },
  ]);
});

test('MONTH cohorts; a user without events counts in the size only', async () => {
  // January: u1..u4. Jan: all four. Feb: u2 (e12). Mar: u1 (e23, e20), u2 (e22), u3 (e24, e21), u4 (e29). Apr: nobody.
  // February: u5, who has no events.
  expect(await cohorts(api, 'timeRange: {from: "2026-01-01", to: "2026-02-28"}, grain: MONTH, periods: 4')).toEqual([
    { cohort: '2026-01-01T00:00:00+00:00', breakdown: null, size: 4, retained: [4, 1, 4, 0], rate: [1, 0.25, 1, 0] },
    { cohort: '2026-02-01T00:00:00+00:00', breakdown: null, size: 1, retained: [0, 0, 0, 0], rate: [0, 0, 0, 0] },
  ]);
  // From Jan 2, January starts before the range: February is the only cohort.
  expect(await cohorts(api, 'timeRange: {from: "2026-01-02", to: "2026-02-28"}, grain: MONTH, periods: 1')).toEqual([
    line('2026-02-01T00:00:00+00:00', 1, [0]),
  ]);
});

test('defaults: WEEK grain, the analysis default of 8 periods, asOf now', async () => {
  // The week of Jan 5 (the first Monday in the range) holds u4: e08, e09 in week 0 and nothing later.
  const answer = await api.data(`{ retention(timeRange: {from: "2026-01-01", to: "2026-01-07"}) {
    cohorts { cohort size periods { offset } } } }`);
  expect(answer.retention.cohorts).toEqual([{ cohort: '2026-01-05T00:00:00+00:00', size: 1, periods: [0, 1, 2, 3, 4, 5, 6, 7].map((offset) => ({ offset })) }]);
});

test('a tenure filter needs events and users, so it narrows activity', async () => {
  // Events 0-6 days after signup. January cohort: Jan u1 (e01, e02, e04, e07), u2 (e03, e06), u3 (e05), u4 (e08, e09)
  // -> 4; Feb: u2's e12 is 31 days after signup -> 0.
  expect(await cohorts(api, 'timeRange: {from: "2026-01-01", to: "2026-01-31"}, grain: MONTH, periods: 2, where: {tenure: {eq: "0-6"}}')).toEqual([
    line('2026-01-01T00:00:00+00:00', 4, [4, 0]),
  ]);
});

test('a repeated request is answered from the cache', async () => {
  const document = '{ retention(timeRange: {from: "2026-01-01", to: "2026-01-31"}, asOf: "2026-06-01T00:00:00Z") { cached sql } }';
  const first = await api.data(document);
  const second = await api.data(document);
  expect([first.retention.cached, second.retention.cached]).toEqual([false, true]);
  expect(second.retention.sql).toContain("'2026-06-01T00:00:00.000Z'::timestamptz");
});
