import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { funnelSteps, JUNE, usersByGroup, VIEW_CART_PURCHASE } from './helpers';

// Hand-computed over test/fixtures/funnels.ts (read its header). Entrants in UTC June 1-7: a1..a5, a7 (a6 entered May 31).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('funnels'));
});
afterAll(() => api.pulse.close());

const users = async (args: string): Promise<number[]> => (await funnelSteps(api, args)).map((s) => s.users);

test('48 h window: same-instant steps do not count; the window end is inclusive; a later entry can reach further', async () => {
  // a1 3; a2 1 (cart at the view's instant); a3 3 (purchase at entry + 48 h); a4 2 (1 s past it);
  // a5 2 from entry A (purchase 06-07 > 06-03 09:00), 3 from entry B; a7 2 (cart after the range, inside the window).
  expect(await funnelSteps(api, `steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2`)).toEqual([
    { index: 1, eventType: 'view', breakdown: null, users: 6, conversionRate: 1, stepConversionRate: 1 },
    // 5 / 6
    { index: 2, eventType: 'cart', breakdown: null, users: 5, conversionRate: 0.833333, stepConversionRate: 0.833333 },
    // a1, a3, a5: 3 / 6 and 3 / 5
    { index: 3, eventType: 'purchase', breakdown: null, users: 3, conversionRate: 0.5, stepConversionRate: 0.6 },
  ]);
});

test('the default window is the analysis default (7 days)', async () => {
  // a4's purchase 2 days + 1 s after entry is now inside: a1, a3, a4, a5.
  expect(await users(`steps: ${VIEW_CART_PURCHASE}, ${JUNE}`)).toEqual([6, 5, 4]);
});

test('one step; the same event type twice needs a strictly later second event', async () => {
  expect(await users(`steps: [{eventType: "view"}], ${JUNE}`)).toEqual([6]);
  // Only a5: view 06-01 09:00 then 06-06 08:00. a2's two views share an instant.
  expect(await users(`steps: [{eventType: "view"}, {eventType: "view"}], ${JUNE}`)).toEqual([6, 1]);
});

test('entries are step-1 events inside the range in the query timezone', async () => {
  // Tokyo (UTC+9): the range is [05-31 15:00Z, 06-07 15:00Z). a6 enters (view 05-31 23:59Z) and reaches 3; a7 (06-07 23:00Z) does not enter.
  // a5 gains entry 05-31 23:00Z (reaches 2) but entry B still reaches 3.
  expect(await users(`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2, timezone: "Asia/Tokyo"`)).toEqual([6, 5, 4]);
});

test('a step filter narrows that step only', async () => {
  // Purchases on ios: a1 and a5; a3's purchase is on web.
  const steps = '[{eventType: "view"}, {eventType: "cart"}, {eventType: "purchase", where: {platform: {eq: "ios"}}}]';
  expect(await users(`steps: ${steps}, ${JUNE}, windowDays: 2`)).toEqual([6, 5, 2]);
});

test('the query filter applies to every event: event and user dimensions', async () => {
  // web only: a1 2 (purchase on ios), a2 1, a3 3, a5 2 (entry A; entry B is ios); a4 and a7 have no web events.
  expect(await users(`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2, where: {platform: {eq: "web"}}`)).toEqual([4, 3, 1]);
  // US users: a1 3, a2 1, a7 2 (a6 never enters).
  expect(await users(`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2, where: {country: {eq: "US"}}`)).toEqual([3, 2, 1]);
});

test('breakdown by a user dimension, the missing value as its own group', async () => {
  const steps = await funnelSteps(api, `steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2, breakdown: COUNTRY`);
  // DE: a3 3, a4 2. US: a1 3, a2 1, a7 2. No country: a5 3.
  expect(usersByGroup(steps)).toEqual({ DE: [2, 2, 1], US: [3, 2, 1], null: [1, 1, 1] });
  expect(steps.map((s) => s.breakdown)).toEqual(['DE', 'DE', 'DE', 'US', 'US', 'US', null, null, null]);
  // US: 2 / 3 at step 2, then 1 / 3 of step 1 and 1 / 2 of step 2.
  expect(steps.slice(3, 6).map((s) => [s.conversionRate, s.stepConversionRate])).toEqual([[1, 1], [0.666667, 0.666667], [0.333333, 0.5]]);
});

test('breakdown by plan (two joins away) and by an event dimension (from the entry that reached furthest)', async () => {
  // Free: a2 1, a3 3, a7 2. Pro: a1 3, a5 3. No plan: a4 2.
  const plan = await funnelSteps(api, `steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2, breakdown: PLAN`);
  expect(usersByGroup(plan)).toEqual({ Free: [3, 2, 1], Pro: [2, 2, 2], null: [1, 1, 0] });
  // a5's furthest path starts at entry B, on ios. web: a1 3, a2 1, a3 3; ios: a4 2, a5 3; android: a7 2.
  const platform = await funnelSteps(api, `steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 2, breakdown: PLATFORM`);
  expect(usersByGroup(platform)).toEqual({ android: [1, 1, 0], ios: [2, 2, 1], web: [3, 2, 2] });
  expect(platform[2]).toMatchObject({ breakdown: 'android', users: 0, conversionRate: 0, stepConversionRate: 0 });
});

test('an unknown event type is not an error: zeros, and null rates after an empty step', async () => {
  const steps = await funnelSteps(api, `steps: [{eventType: "view"}, {eventType: "nosuch"}, {eventType: "purchase"}], ${JUNE}`);
  expect(steps.map((s) => [s.users, s.conversionRate, s.stepConversionRate])).toEqual([[6, 1, 1], [0, 0, 0], [0, 0, null]]);
  expect(await funnelSteps(api, `steps: [{eventType: "nosuch"}], ${JUNE}`)).toEqual([
    { index: 1, eventType: 'nosuch', breakdown: null, users: 0, conversionRate: null, stepConversionRate: null },
  ]);
  // With a breakdown, only groups with an entrant are returned.
  expect(await funnelSteps(api, `steps: [{eventType: "nosuch"}], ${JUNE}, breakdown: COUNTRY`)).toEqual([]);
});

test('sql and cached come with the answer', async () => {
  const query = `{ funnel(steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 3) { windowDays sql cached } }`;
  const first = await api.data<{ funnel: { windowDays: number; sql: string; cached: boolean } }>(query);
  expect(first.funnel).toMatchObject({ windowDays: 3, cached: false });
  expect(first.funnel.sql).toContain("make_interval(hours => 72::int)");
  expect((await api.data<{ funnel: { cached: boolean } }>(query)).funnel.cached).toBe(true);
});
