import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

/*
 * Active buckets per user in test/fixtures/small.ts (UTC days):
 *   u1 Jan 1, 2, 5, 8; Mar 8, 28; Oct 24, 25     u2 Jan 1, 4; Feb 1; Mar 29; Oct 25
 *   u3 Jan 3, 12; Mar 9, 29; Oct 25             u4 Jan 5, 6; Mar 23
 * Each line: [period, new, retained, resurrected, dormant, churned].
 */
type Line = [period: string, ...counts: number[]];

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

async function lifecycle(args: string): Promise<Line[]> {
  const data = await api.data(`{ lifecycle(${args}) { periods { period new retained resurrected dormant churned } } }`);
  return data.lifecycle.periods.map((p: Record<string, number>) => [p.period, p.new, p.retained, p.resurrected, p.dormant, p.churned]);
}

test('weekly states; the first week overlaps the range and counts whole', async () => {
  // Monday weeks W0 Dec 29 (u1 Jan 1-2, u2 Jan 1-4, u3 Jan 3), W1 Jan 5 (u1, u4), W2 Jan 12 (u3), W3 Jan 19 (-),
  // W4 Jan 26 (u2 Feb 1), W5 Feb 2 (-), W6 Feb 9 (-).
  expect(await lifecycle('timeRange: {from: "2026-01-01", to: "2026-02-10"}')).toEqual([
    ['2025-12-29T00:00:00+00:00', 3, 0, 0, 0, 0], // all three first active
    ['2026-01-05T00:00:00+00:00', 1, 1, 0, 2, 0], // u4 new, u1 retained; u2, u3 dormant
    ['2026-01-12T00:00:00+00:00', 0, 0, 1, 2, 1], // u3 back from W0; u1, u4 dormant; u2 churned (W0 only)
    ['2026-01-19T00:00:00+00:00', 0, 0, 0, 1, 3], // u3 dormant; u1, u2, u4 churned
    ['2026-01-26T00:00:00+00:00', 0, 0, 1, 0, 3], // u2 back; u1, u3, u4 churned
    ['2026-02-02T00:00:00+00:00', 0, 0, 0, 1, 3], // u2 dormant; u1, u3, u4 churned
    ['2026-02-09T00:00:00+00:00', 0, 0, 0, 0, 4], // everyone churned
  ]);
});

test('daily states use history from before the range', async () => {
  expect(await lifecycle('timeRange: {from: "2026-01-03", to: "2026-01-08"}, grain: DAY')).toEqual([
    ['2026-01-03T00:00:00+00:00', 1, 0, 0, 1, 1], // u3 new; u1 (Jan 2) dormant; u2 (Jan 1) churned
    ['2026-01-04T00:00:00+00:00', 0, 0, 1, 1, 1], // u2 back; u3 dormant; u1 churned
    ['2026-01-05T00:00:00+00:00', 1, 0, 1, 1, 1], // u4 new, u1 back; u2 dormant; u3 churned
    ['2026-01-06T00:00:00+00:00', 0, 1, 0, 1, 2], // u4 retained; u1 dormant; u2, u3 churned
    ['2026-01-07T00:00:00+00:00', 0, 0, 0, 1, 3], // nobody; u4 dormant; u1, u2, u3 churned
    ['2026-01-08T00:00:00+00:00', 0, 0, 1, 0, 3], // u1 back; u2, u3, u4 churned
  ]);
});

test('days are calendar days of the query timezone across the spring-forward', async () => {
  // Berlin: e20 (u1, 03-28 23:30Z) is Mar 29 00:30 CET; e22 (u2, 21:30Z) Mar 29 23:30 CEST; e21 (u3, 22:30Z) Mar 30 00:30.
  // Before: u1 last Mar 8, u2 Feb 1, u3 Mar 9, u4 Mar 23 (22:30Z = 23:30 CET).
  expect(await lifecycle('timeRange: {from: "2026-03-29", to: "2026-03-30"}, grain: DAY, timezone: "Europe/Berlin"')).toEqual([
    ['2026-03-29T00:00:00+01:00', 0, 0, 2, 0, 2], // u1, u2 back; u3, u4 churned
    ['2026-03-30T00:00:00+02:00', 0, 0, 1, 2, 1], // u3 back; u1, u2 dormant; u4 churned
  ]);
  // In UTC, e20 is on Mar 28 and e21 on Mar 29.
  expect(await lifecycle('timeRange: {from: "2026-03-29", to: "2026-03-30"}, grain: DAY')).toEqual([
    ['2026-03-29T00:00:00+00:00', 0, 0, 2, 1, 1], // u2, u3 back; u1 dormant; u4 churned
    ['2026-03-30T00:00:00+00:00', 0, 0, 0, 2, 2], // u2, u3 dormant; u1, u4 churned
  ]);
});

test('Sunday weeks', async () => {
  // Sunday weeks: Dec 28 (u1, u2, u3 Jan 1-3), Jan 4 (u2 Jan 4, u1 Jan 5, 8, u4 Jan 5, 6), Jan 11 (u3 Jan 12).
  expect(await lifecycle('timeRange: {from: "2026-01-04", to: "2026-01-17"}, weekStart: SUNDAY')).toEqual([
    ['2026-01-04T00:00:00+00:00', 1, 2, 0, 1, 0], // u4 new; u1, u2 retained; u3 dormant
    ['2026-01-11T00:00:00+00:00', 0, 0, 1, 3, 0], // u3 back; u1, u2, u4 dormant
  ]);
});

test('where: a user filter narrows the users through the events join', async () => {
  // US users only: u1 (W0, W1), u3 (W0, W2).
  expect(await lifecycle('timeRange: {from: "2026-01-05", to: "2026-01-18"}, where: {country: {eq: "US"}}')).toEqual([
    ['2026-01-05T00:00:00+00:00', 0, 1, 0, 1, 0], // u1 retained; u3 dormant
    ['2026-01-12T00:00:00+00:00', 0, 0, 1, 1, 0], // u3 back; u1 dormant
  ]);
  // Android events only: u3 (Jan 3, Jan 12).
  expect(await lifecycle('timeRange: {from: "2026-01-05", to: "2026-01-18"}, where: {platform: {eq: "android"}}')).toEqual([
    ['2026-01-05T00:00:00+00:00', 0, 0, 0, 1, 0],
    ['2026-01-12T00:00:00+00:00', 0, 0, 1, 0, 0],
  ]);
});

test('MONTH and HOUR grains', async () => {
  // Months: Jan all four new; Feb u2 retained, u1, u3, u4 dormant; Mar u2 retained, u1, u3, u4 back.
  expect(await lifecycle('timeRange: {from: "2026-01-01", to: "2026-03-31"}, grain: MONTH')).toEqual([
    ['2026-01-01T00:00:00+00:00', 4, 0, 0, 0, 0],
    ['2026-02-01T00:00:00+00:00', 0, 1, 0, 3, 0],
    ['2026-03-01T00:00:00+00:00', 0, 1, 3, 0, 0],
  ]);
  // Jan 1, 09:00-13:59 UTC: u1 at 09:00 and 09:10 (e01, e02), u2 at 13:00 (e03).
  const hours = await lifecycle('timeRange: {from: "2026-01-01", to: "2026-01-01"}, grain: HOUR');
  expect(hours.slice(9, 14)).toEqual([
    ['2026-01-01T09:00:00+00:00', 1, 0, 0, 0, 0],
    ['2026-01-01T10:00:00+00:00', 0, 0, 0, 1, 0],
    ['2026-01-01T11:00:00+00:00', 0, 0, 0, 0, 1],
    ['2026-01-01T12:00:00+00:00', 0, 0, 0, 0, 1],
    ['2026-01-01T13:00:00+00:00', 1, 0, 0, 0, 1],
  ]);
});
