import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { A, userIds, usersPage } from './helpers';

// Hand-computed rows: see the table in test/fixtures/people.ts.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('people'));
});
afterAll(() => api.pulse.close());

const ALL_FIELDS = 'userId signupAt country region city acquisitionSource plan totalEvents lastActiveAt daysSinceSignup daysSinceLastActive status';

test('every field of every user as of A; a8 signed up after A and is absent', async () => {
  const page = await usersPage(api, `asOf: "${A}", orderBy: {field: USER_ID}`, ALL_FIELDS);
  const row = (userId: string, signupAt: string, country: string | null, region: string | null, city: string | null, acquisitionSource: string | null,
    plan: string | null, totalEvents: number, lastActiveAt: string | null, daysSinceSignup: number, daysSinceLastActive: number | null, status: string) =>
    ({ userId, signupAt, country, region, city, acquisitionSource, plan, totalEvents, lastActiveAt, daysSinceSignup, daysSinceLastActive, status });
  expect(page.edges.map((e) => e.node)).toEqual([
    // a1: the 03-02 event is after A, so 3 events; last 02-28 12:00 is 12 h before A -> 0 days.
    row('a1', '2026-01-01T00:00:00+00:00', 'US', 'California', 'San Francisco', 'organic', 'Pro', 3, '2026-02-28T12:00:00+00:00', 59, 0, 'ACTIVE'),
    // a10: DateTime shows whole seconds; the microsecond still orders it after a1 (ordering test).
    row('a10', '2026-02-15T00:00:00+00:00', 'US', 'Texas', 'Dallas', 'organic', 'Free', 1, '2026-02-28T12:00:00+00:00', 14, 0, 'ACTIVE'),
    // a2: signup 01-10 06:00 -> 50 days - 6 h = 49.75 -> 49; last 01-30 00:00 is exactly 30 x 24 h before A -> INACTIVE.
    row('a2', '2026-01-10T06:00:00+00:00', 'DE', 'Bavaria', 'Munich', 'paid_search', 'Free', 3, '2026-01-30T00:00:00+00:00', 49, 30, 'INACTIVE'),
    // a3: signup 01-15 -> 45 days; last 01-30 06:00 -> 29.75 -> 29 < 30 -> ACTIVE; no plan.
    row('a3', '2026-01-15T00:00:00+00:00', 'US', 'New York', 'New York', 'referral', null, 1, '2026-01-30T06:00:00+00:00', 45, 29, 'ACTIVE'),
    // a4: signup 01-05 12:00 -> 55 days - 12 h = 54.5 -> 54; an event exactly at A exists as of A.
    row('a4', '2026-01-05T12:00:00+00:00', 'FR', 'Ile-de-France', 'Paris', 'organic', 'Team', 3, '2026-03-01T00:00:00+00:00', 54, 0, 'ACTIVE'),
    // a5: last 01-06 00:00 -> 54 days.
    row('a5', '2026-01-05T12:00:00+00:00', 'DE', 'Berlin', 'Berlin', null, 'Free', 1, '2026-01-06T00:00:00+00:00', 54, 54, 'INACTIVE'),
    row('a6', '2026-02-20T00:00:00+00:00', 'US', 'Texas', 'Austin', 'organic', 'Pro', 0, null, 9, null, 'NEVER_ACTIVE'),
    // a7: signed up 6 h before A -> 0 days.
    row('a7', '2026-02-28T18:00:00+00:00', null, null, null, 'paid_search', null, 0, null, 0, null, 'NEVER_ACTIVE'),
    // a9: its only event is one second after A.
    row('a9', '2026-01-20T00:00:00+00:00', 'FR', 'Auvergne-Rhone-Alpes', 'Lyon', 'referral', 'Free', 0, null, 40, null, 'NEVER_ACTIVE'),
  ]);
  expect(page.totalCount).toBe(9);
  expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
});

test('an earlier asOf: later signups and events do not exist', async () => {
  const page = await usersPage(api, 'asOf: "2026-01-31T00:00:00Z", orderBy: {field: USER_ID}', 'userId totalEvents daysSinceSignup daysSinceLastActive status');
  expect(page.edges.map((e) => e.node)).toEqual([
    // a1: only 01-01 09:00 -> 29 d 15 h -> 29; signup 30 days before.
    { userId: 'a1', totalEvents: 1, daysSinceSignup: 30, daysSinceLastActive: 29, status: 'ACTIVE' },
    // a2: all three events; last 01-30 00:00 -> 1 day; signup 01-10 06:00 -> 20 d 18 h.
    { userId: 'a2', totalEvents: 3, daysSinceSignup: 20, daysSinceLastActive: 1, status: 'ACTIVE' },
    { userId: 'a3', totalEvents: 1, daysSinceSignup: 16, daysSinceLastActive: 0, status: 'ACTIVE' },
    // a4: only 01-06 of its three events -> 25 days; signup 25.5 days before.
    { userId: 'a4', totalEvents: 1, daysSinceSignup: 25, daysSinceLastActive: 25, status: 'ACTIVE' },
    { userId: 'a5', totalEvents: 1, daysSinceSignup: 25, daysSinceLastActive: 25, status: 'ACTIVE' },
    { userId: 'a9', totalEvents: 0, daysSinceSignup: 11, daysSinceLastActive: null, status: 'NEVER_ACTIVE' },
  ]);
});

test('a late asOf sees every signup and event', async () => {
  const page = await usersPage(api, 'asOf: "2100-01-01T00:00:00Z", orderBy: {field: TOTAL_EVENTS, direction: DESC}, first: 3', 'userId totalEvents status');
  // a1 now has 4 events; a8 and a9 one each; nobody was active in the 30 days before 2100.
  expect(page.edges.map((e) => e.node)).toEqual([
    { userId: 'a1', totalEvents: 4, status: 'INACTIVE' },
    { userId: 'a2', totalEvents: 3, status: 'INACTIVE' },
    { userId: 'a4', totalEvents: 3, status: 'INACTIVE' },
  ]);
  expect(page.totalCount).toBe(10);
});

test('inactiveAfterDays moves the ACTIVE boundary (days since last active < inactiveAfterDays)', async () => {
  // Default 30: a2 (30 days) is INACTIVE, a3 (29) ACTIVE.
  expect(await userIds(api, `asOf: "${A}", status: ACTIVE, orderBy: {field: USER_ID}`)).toEqual(['a1', 'a10', 'a3', 'a4']);
  expect(await userIds(api, `asOf: "${A}", inactiveAfterDays: 31, status: ACTIVE, orderBy: {field: USER_ID}`)).toEqual(['a1', 'a10', 'a2', 'a3', 'a4']);
  expect(await userIds(api, `asOf: "${A}", inactiveAfterDays: 1, status: ACTIVE, orderBy: {field: USER_ID}`)).toEqual(['a1', 'a10', 'a4']);
  // As of 01-31 with 25: a4 and a5 (25 days) and a1 (29) are INACTIVE.
  expect(await userIds(api, 'asOf: "2026-01-31T00:00:00Z", inactiveAfterDays: 25, status: INACTIVE, orderBy: {field: USER_ID}')).toEqual(['a1', 'a4', 'a5']);
});

test('status filter, with totalCount across pages', async () => {
  const active = await usersPage(api, `asOf: "${A}", status: ACTIVE, orderBy: {field: USER_ID}, first: 2`);
  expect(active.edges.map((e) => e.node.userId)).toEqual(['a1', 'a10']);
  expect(active.totalCount).toBe(4);
  expect(active.pageInfo.hasNextPage).toBe(true);
  expect(await userIds(api, `asOf: "${A}", status: INACTIVE, orderBy: {field: USER_ID}`)).toEqual(['a2', 'a5']);
  expect(await userIds(api, `asOf: "${A}", status: NEVER_ACTIVE, orderBy: {field: USER_ID}`)).toEqual(['a6', 'a7', 'a9']);
});

test('DateTimes in the requested timezone; the same answer is cached', async () => {
  const args = `asOf: "2026-03-01T01:00:00+01:00", timezone: "Europe/Berlin", where: {country: {eq: "FR"}}, orderBy: {field: USER_ID}`;
  const first = await usersPage(api, args, 'userId signupAt lastActiveAt');
  // asOf is A written in Berlin time.
  expect(first.edges.map((e) => e.node)).toEqual([
    { userId: 'a4', signupAt: '2026-01-05T13:00:00+01:00', lastActiveAt: '2026-03-01T01:00:00+01:00' },
    { userId: 'a9', signupAt: '2026-01-20T01:00:00+01:00', lastActiveAt: null },
  ]);
  expect(first.cached).toBe(false);
  expect((await usersPage(api, args, 'userId signupAt lastActiveAt')).cached).toBe(true);
  expect(first.sql).toContain("'2026-03-01T00:00:00.000Z'::timestamptz");
});
