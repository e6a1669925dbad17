import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { A, allPages, userIds, usersPage } from './helpers';

// Orders of the nine users as of A, from the table in test/fixtures/people.ts. Ties go by
// userId ascending, byte-wise (a1 < a10 < a2 < ... < a9); nulls come last in both directions.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('people'));
});
afterAll(() => api.pulse.close());

const ORDERS: Array<[field: string, direction: 'ASC' | 'DESC', ids: string[]]> = [
  // 0 events: a6 a7 a9; 1: a10 a3 a5; 3: a1 a2 a4.
  ['TOTAL_EVENTS', 'ASC', ['a6', 'a7', 'a9', 'a10', 'a3', 'a5', 'a1', 'a2', 'a4']],
  ['TOTAL_EVENTS', 'DESC', ['a1', 'a2', 'a4', 'a10', 'a3', 'a5', 'a6', 'a7', 'a9']],
  // a4 and a5 signed up at the same instant.
  ['SIGNUP_AT', 'ASC', ['a1', 'a4', 'a5', 'a2', 'a3', 'a9', 'a10', 'a6', 'a7']],
  ['SIGNUP_AT', 'DESC', ['a7', 'a6', 'a10', 'a9', 'a3', 'a2', 'a4', 'a5', 'a1']],
  // 0 a7, 9 a6, 14 a10, 40 a9, 45 a3, 49 a2, 54 a4 a5, 59 a1.
  ['DAYS_SINCE_SIGNUP', 'ASC', ['a7', 'a6', 'a10', 'a9', 'a3', 'a2', 'a4', 'a5', 'a1']],
  ['DAYS_SINCE_SIGNUP', 'DESC', ['a1', 'a4', 'a5', 'a2', 'a3', 'a9', 'a10', 'a6', 'a7']],
  // a10's last event is 1 µs after a1's: a cursor must keep microseconds.
  ['LAST_ACTIVE_AT', 'ASC', ['a5', 'a2', 'a3', 'a1', 'a10', 'a4', 'a6', 'a7', 'a9']],
  ['LAST_ACTIVE_AT', 'DESC', ['a4', 'a10', 'a1', 'a3', 'a2', 'a5', 'a6', 'a7', 'a9']],
  // 0 a1 a10 a4, 29 a3, 30 a2, 54 a5, then never active.
  ['DAYS_SINCE_LAST_ACTIVE', 'ASC', ['a1', 'a10', 'a4', 'a3', 'a2', 'a5', 'a6', 'a7', 'a9']],
  ['DAYS_SINCE_LAST_ACTIVE', 'DESC', ['a5', 'a2', 'a3', 'a1', 'a10', 'a4', 'a6', 'a7', 'a9']],
  ['USER_ID', 'ASC', ['a1', 'a10', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a9']],
  ['USER_ID', 'DESC', ['a9', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a10', 'a1']],
  // DE a2 a5, FR a4 a9, US a1 a10 a3 a6, none a7.
  ['COUNTRY', 'ASC', ['a2', 'a5', 'a4', 'a9', 'a1', 'a10', 'a3', 'a6', 'a7']],
  ['COUNTRY', 'DESC', ['a1', 'a10', 'a3', 'a6', 'a4', 'a9', 'a2', 'a5', 'a7']],
  ['REGION', 'ASC', ['a9', 'a2', 'a5', 'a1', 'a4', 'a3', 'a10', 'a6', 'a7']],
  ['REGION', 'DESC', ['a10', 'a6', 'a3', 'a4', 'a1', 'a5', 'a2', 'a9', 'a7']],
  ['CITY', 'ASC', ['a6', 'a5', 'a10', 'a9', 'a2', 'a3', 'a4', 'a1', 'a7']],
  ['CITY', 'DESC', ['a1', 'a4', 'a3', 'a2', 'a9', 'a10', 'a5', 'a6', 'a7']],
  // organic a1 a10 a4 a6, paid_search a2 a7, referral a3 a9, none a5.
  ['ACQUISITION_SOURCE', 'ASC', ['a1', 'a10', 'a4', 'a6', 'a2', 'a7', 'a3', 'a9', 'a5']],
  ['ACQUISITION_SOURCE', 'DESC', ['a3', 'a9', 'a2', 'a7', 'a1', 'a10', 'a4', 'a6', 'a5']],
  // Free a10 a2 a5 a9, Pro a1 a6, Team a4, none a3 a7.
  ['PLAN', 'ASC', ['a10', 'a2', 'a5', 'a9', 'a1', 'a6', 'a4', 'a3', 'a7']],
  ['PLAN', 'DESC', ['a4', 'a1', 'a6', 'a10', 'a2', 'a5', 'a9', 'a3', 'a7']],
];

test.each(ORDERS)('%s %s: one page, then two at a time with no gap or duplicate', async (field, direction, expected) => {
  const args = `asOf: "${A}", orderBy: {field: ${field}, direction: ${direction}}`;
  expect(await userIds(api, args)).toEqual(expected);
  const pages = await allPages(api, args, 2);
  expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
  expect(pages.flat()).toEqual(expected);
});

test('the default order is SIGNUP_AT DESC; direction defaults to ASC', async () => {
  expect(await userIds(api, `asOf: "${A}"`)).toEqual(['a7', 'a6', 'a10', 'a9', 'a3', 'a2', 'a4', 'a5', 'a1']);
  expect(await userIds(api, `asOf: "${A}", orderBy: {field: TOTAL_EVENTS}`)).toEqual(['a6', 'a7', 'a9', 'a10', 'a3', 'a5', 'a1', 'a2', 'a4']);
});

test('paging inside the nulls (never active users by lastActiveAt), three pages of one', async () => {
  const args = `asOf: "${A}", status: NEVER_ACTIVE, orderBy: {field: LAST_ACTIVE_AT, direction: DESC}`;
  expect(await allPages(api, args, 1)).toEqual([['a6'], ['a7'], ['a9']]);
});

test('page info: cursors, hasNextPage, hasPreviousPage, and an empty page after the last', async () => {
  const args = `asOf: "${A}", orderBy: {field: TOTAL_EVENTS, direction: DESC}`;
  const first = await usersPage(api, `${args}, first: 4`);
  expect(first.edges.map((e) => e.node.userId)).toEqual(['a1', 'a2', 'a4', 'a10']);
  expect(first.pageInfo).toEqual({
    hasNextPage: true,
    hasPreviousPage: false,
    startCursor: first.edges[0]?.cursor,
    endCursor: first.edges[3]?.cursor,
  });
  // Continuing from any edge's cursor, not just endCursor.
  const fromSecond = await usersPage(api, `${args}, first: 2, after: "${first.edges[1]?.cursor}"`);
  expect(fromSecond.edges.map((e) => e.node.userId)).toEqual(['a4', 'a10']);
  expect(fromSecond.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  const last = await usersPage(api, `${args}, first: 5, after: "${first.pageInfo.endCursor}"`);
  expect(last.edges.map((e) => e.node.userId)).toEqual(['a3', 'a5', 'a6', 'a7', 'a9']);
  expect(last.pageInfo.hasNextPage).toBe(false);
  const beyond = await usersPage(api, `${args}, after: "${last.pageInfo.endCursor}"`);
  expect(beyond).toMatchObject({ edges: [], totalCount: 9, pageInfo: { hasNextPage: false, endCursor: null } });
});

test('status and where page the same way', async () => {
  // Free users by totalEvents: a9 0, a10 1, a5 1, a2 3.
  const args = `asOf: "${A}", where: {plan: {eq: "Free"}}, orderBy: {field: TOTAL_EVENTS}`;
  expect(await allPages(api, args, 3)).toEqual([['a9', 'a10', 'a5'], ['a2']]);
});
