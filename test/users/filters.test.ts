import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { A, userIds, usersPage } from './helpers';

// Plans, countries and signups: see the table in test/fixtures/people.ts. Results by userId (byte order).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('people'));
});
afterAll(() => api.pulse.close());

const ids = (where: string, extra = '') => userIds(api, `asOf: "${A}", where: ${where}, orderBy: {field: USER_ID}${extra}`);

test('a user column: a8 is from the US too but signed up after A', async () => {
  expect(await ids('{country: {eq: "US"}}')).toEqual(['a1', 'a10', 'a3', 'a6']);
  // A missing country is its own value: neq keeps it.
  expect(await ids('{country: {neq: "US"}}')).toEqual(['a2', 'a4', 'a5', 'a7', 'a9']);
  expect(await ids('{acquisitionSource: {isNull: true}}')).toEqual(['a5']);
});

test('plan, through users -> plans, including users without a plan', async () => {
  expect(await ids('{plan: {eq: "Free"}}')).toEqual(['a10', 'a2', 'a5', 'a9']);
  expect(await ids('{plan: {isNull: true}}')).toEqual(['a3', 'a7']);
  // neq keeps the planless users (a3, a7).
  expect(await ids('{plan: {neq: "Pro"}}')).toEqual(['a10', 'a2', 'a3', 'a4', 'a5', 'a7', 'a9']);
  expect(await ids('{plan: {in: ["Pro", "Team"]}}')).toEqual(['a1', 'a4', 'a6']);
});

test('AND / OR trees and a status filter together', async () => {
  expect(await ids('{OR: [{country: {eq: "DE"}}, {plan: {eq: "Team"}}]}')).toEqual(['a2', 'a4', 'a5']);
  expect(await ids('{country: {eq: "US"}, plan: {eq: "Pro"}}')).toEqual(['a1', 'a6']);
  // US users ACTIVE as of A: a1, a10, a3 (a6 never active).
  expect(await ids('{country: {eq: "US"}}', ', status: ACTIVE')).toEqual(['a1', 'a10', 'a3']);
  const page = await usersPage(api, `asOf: "${A}", where: {plan: {eq: "Free"}}, status: NEVER_ACTIVE`);
  expect(page.edges.map((e) => e.node.userId)).toEqual(['a9']);
  expect(page.totalCount).toBe(1);
});

test('signupMonth is read in the query timezone', async () => {
  expect(await ids('{signupMonth: {eq: "2026-02"}}')).toEqual(['a10', 'a6', 'a7']);
  // a7 signed up 02-28 18:00Z = 03-01 08:00 at UTC+14.
  expect(await ids('{signupMonth: {eq: "2026-03"}}', ', timezone: "Pacific/Kiritimati"')).toEqual(['a7']);
});

test('no match: empty edges, totalCount 0, no cursors', async () => {
  const page = await usersPage(api, `asOf: "${A}", where: {country: {eq: "JP"}}`);
  expect(page).toMatchObject({ edges: [], totalCount: 0, pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
});
