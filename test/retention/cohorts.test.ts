import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { cohorts, line } from './helpers';

// Weeks, users and events are laid out in test/fixtures/cohorts.ts (Berlin weeks A..E).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('cohorts'));
});
afterAll(() => api.pulse.close());

const LATER = 'asOf: "2026-06-01T00:00:00Z"';
const BERLIN = `timezone: "Europe/Berlin", ${LATER}`;

test('weekly signup cohorts in Berlin across the spring-forward', async () => {
  const answer = await api.data(`{ retention(timeRange: {from: "2026-03-16", to: "2026-03-29"}, periods: 4, ${BERLIN}) {
    cohorts { cohort size periods { offset periodStart retained rate } } } }`);
  // A = c1, c4. Offset 0 (A): c1 f01. 1 (B): c4 f06. 2 (C): c1 f02 (Mon 00:30 CEST), c4 f07. 3 (D): c1 f03.
  // B = c2 (signed up Mon 00:30 CET), c3 (no events). 0 (B): c2 f04. 1 (C): c2 f05. 2, 3: nobody.
  expect(answer.retention.cohorts).toEqual([
    {
      cohort: '2026-03-16T00:00:00+01:00',
      size: 2,
      periods: [
        { offset: 0, periodStart: '2026-03-16T00:00:00+01:00', retained: 1, rate: 0.5 },
        { offset: 1, periodStart: '2026-03-23T00:00:00+01:00', retained: 1, rate: 0.5 },
        { offset: 2, periodStart: '2026-03-30T00:00:00+02:00', retained: 2, rate: 1 },
        { offset: 3, periodStart: '2026-04-06T00:00:00+02:00', retained: 1, rate: 0.5 },
      ],
    },
    {
      cohort: '2026-03-23T00:00:00+01:00',
      size: 2,
      periods: [
        { offset: 0, periodStart: '2026-03-23T00:00:00+01:00', retained: 1, rate: 0.5 },
        { offset: 1, periodStart: '2026-03-30T00:00:00+02:00', retained: 1, rate: 0.5 },
        { offset: 2, periodStart: '2026-04-06T00:00:00+02:00', retained: 0, rate: 0 },
        { offset: 3, periodStart: '2026-04-13T00:00:00+02:00', retained: 0, rate: 0 },
      ],
    },
  ]);
});

test('the same request in UTC puts c2 and f02 a week earlier', async () => {
  // UTC weeks from 03-16 and 03-23: c2 signed up Sunday 23:30Z, so A' = c1, c2, c4; B' = c3.
  // A' offset 0: c1 f01. 1: c1 f02 (Sun 22:30Z), c2 f04, c4 f06. 2: c2 f05, c4 f07. 3: c1 f03.
  expect(await cohorts(api, `timeRange: {from: "2026-03-16", to: "2026-03-29"}, periods: 4, ${LATER}`)).toEqual([
    line('2026-03-16T00:00:00+00:00', 3, [1, 3, 2, 1]),
    line('2026-03-23T00:00:00+00:00', 1, [0, 0, 0, 0]),
  ]);
});

test('Sunday weeks: only buckets that start inside the range are cohorts', async () => {
  // From Monday 03-16: the Sunday week of 03-15 starts before the range; 03-22 is the only cohort.
  // It holds c2 (Mon 03-23 00:30 CET) and c3. 0: c2 f04. 1 (Sun 03-29, 167 h): c2 f05. 2 (Sun 04-05): nobody.
  const answer = await api.data(`{ retention(timeRange: {from: "2026-03-16", to: "2026-03-28"}, periods: 3, weekStart: SUNDAY, ${BERLIN}) {
    cohorts { cohort size periods { periodStart retained } } } }`);
  expect(answer.retention.cohorts).toEqual([
    {
      cohort: '2026-03-22T00:00:00+01:00',
      size: 2,
      periods: [
        { periodStart: '2026-03-22T00:00:00+01:00', retained: 1 },
        { periodStart: '2026-03-29T00:00:00+01:00', retained: 1 },
        { periodStart: '2026-04-05T00:00:00+02:00', retained: 0 },
      ],
    },
  ]);
});

test('FIRST_ACTIVITY cohorts by the first event ever, not the signup', async () => {
  // First events: c1 f01 (A), c5 f08 (A; signed up before the range), c2 f04 (B), c4 f06 (B); c3 never.
  // A: 0 c1, c5; 1 (B) c5 f09; 2 (C) c1 f02.  B: 0 c2, c4; 1 (C) c2 f05, c4 f07; 2 (D) nobody.
  expect(await cohorts(api, `timeRange: {from: "2026-03-16", to: "2026-03-29"}, periods: 3, cohort: FIRST_ACTIVITY, ${BERLIN}`)).toEqual([
    line('2026-03-16T00:00:00+01:00', 2, [2, 1, 1]),
    line('2026-03-23T00:00:00+01:00', 2, [2, 2, 0]),
  ]);
});

test('FIRST_ACTIVITY under an event filter: the first matching event places the user', async () => {
  // Web events only: f01 c1 A, f02 c1 C, f07 c4 C, f08 c5 A, f09 c5 B. First web: c1 A, c5 A, c4 C.
  // A: 0 c1, c5; 1 c5; 2 c1 (f02).  B: empty.  C: c4; 0 f07; D, E: no web events (f03 is ios).
  const args = `timeRange: {from: "2026-03-16", to: "2026-04-05"}, periods: 3, cohort: FIRST_ACTIVITY, where: {platform: {eq: "web"}}, ${BERLIN}`;
  expect(await cohorts(api, args)).toEqual([
    line('2026-03-16T00:00:00+01:00', 2, [2, 1, 1]),
    line('2026-03-23T00:00:00+01:00', 0, [0, 0, 0]),
    line('2026-03-30T00:00:00+02:00', 1, [1, 0, 0]),
  ]);
});

test('asOf: later activity does not count, later offsets and cohorts are left out', async () => {
  // asOf = Wed 04-01 00:00 CEST = 03-31 22:00Z. Cohorts A, B, C start before it; D (04-06) is left out.
  // Activity up to then: f01, f02, f04, f05, f06, f08, f09 (f07 04-01 10:00Z and f03 come later).
  // A (c1, c4): offsets A, B, C (D starts after asOf): c1; c4 f06; c1 f02 (c4's f07 is too late).
  // B (c2, c3): offsets B, C: c2 f04; c2 f05.  C: nobody signed up by asOf; offset 0 only.
  const args = 'timeRange: {from: "2026-03-16", to: "2026-04-12"}, periods: 4, timezone: "Europe/Berlin", asOf: "2026-04-01T00:00:00+02:00"';
  expect(await cohorts(api, args)).toEqual([
    line('2026-03-16T00:00:00+01:00', 2, [1, 1, 1]),
    line('2026-03-23T00:00:00+01:00', 2, [1, 1]),
    { cohort: '2026-03-30T00:00:00+02:00', breakdown: null, size: 0, retained: [0], rate: [null] },
  ]);
});

test('breakdown by plan: missing plan is its own group, last', async () => {
  // A: Free c4 (0: -, 1: f06), Pro c1 (0: f01, 1: -). B: Free c2 (f04, f05), no plan c3.
  expect(await cohorts(api, `timeRange: {from: "2026-03-16", to: "2026-03-29"}, periods: 2, breakdown: PLAN, ${BERLIN}`)).toEqual([
    line('2026-03-16T00:00:00+01:00', 1, [0, 1], 'Free'),
    line('2026-03-16T00:00:00+01:00', 1, [1, 0], 'Pro'),
    line('2026-03-23T00:00:00+01:00', 1, [1, 1], 'Free'),
    line('2026-03-23T00:00:00+01:00', 1, [0, 0], null),
  ]);
});

test('breakdown by country', async () => {
  // A: DE c1, US c4. B: US c3, no country c2.
  expect(await cohorts(api, `timeRange: {from: "2026-03-16", to: "2026-03-29"}, periods: 2, breakdown: COUNTRY, ${BERLIN}`)).toEqual([
    line('2026-03-16T00:00:00+01:00', 1, [1, 0], 'DE'),
    line('2026-03-16T00:00:00+01:00', 1, [0, 1], 'US'),
    line('2026-03-23T00:00:00+01:00', 1, [0, 0], 'US'),
    line('2026-03-23T00:00:00+01:00', 1, [1, 1], null),
  ]);
});

test('where: an event dimension narrows activity, a user dimension narrows cohorts', async () => {
  const range = 'timeRange: {from: "2026-03-16", to: "2026-03-29"}, periods: 4';
  // iOS events only: f03 c1 D, f04 c2 B, f05 c2 C, f06 c4 B. Cohort sizes stay 2 and 2.
  expect(await cohorts(api, `${range}, where: {platform: {eq: "ios"}}, ${BERLIN}`)).toEqual([
    line('2026-03-16T00:00:00+01:00', 2, [0, 1, 0, 1]),
    line('2026-03-23T00:00:00+01:00', 2, [1, 1, 0, 0]),
  ]);
  // US users only: A = c4 (f06 B, f07 C), B = c3.
  expect(await cohorts(api, `${range}, where: {country: {eq: "US"}}, ${BERLIN}`)).toEqual([
    line('2026-03-16T00:00:00+01:00', 1, [0, 1, 1, 0]),
    line('2026-03-23T00:00:00+01:00', 1, [0, 0, 0, 0]),
  ]);
  // Both at once: US cohorts, web activity: c4's f07 (C) only.
  expect(await cohorts(api, `${range}, where: {country: {eq: "US"}, platform: {eq: "web"}}, ${BERLIN}`)).toEqual([
    line('2026-03-16T00:00:00+01:00', 1, [0, 0, 1, 0]),
    line('2026-03-23T00:00:00+01:00', 1, [0, 0, 0, 0]),
  ]);
});
