import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { JUNE, VIEW_CART_PURCHASE } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('funnels'));
});
afterAll(() => api.pulse.close());

async function errorOf(args: string): Promise<{ message: string; code: unknown; argumentName: unknown }> {
  const answer = await api.query(`{ funnel(${args}) { steps { users } sql } }`);
  expect(answer.errors).toHaveLength(1);
  const error = answer.errors?.[0];
  return { message: error?.message ?? '', code: error?.extensions?.code, argumentName: error?.extensions?.argumentName };
}

const tooMany = `[${Array.from({ length: 21 }, () => '{eventType: "view"}').join(', ')}]`;

test.each([
  [`steps: [], ${JUNE}`, 'steps', /1 to 20 steps; got 0/],
  [`steps: ${tooMany}, ${JUNE}`, 'steps', /1 to 20 steps; got 21/],
  [`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 0`, 'windowDays', /from 1 to 365; got 0/],
  [`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, windowDays: 366`, 'windowDays', /from 1 to 365; got 366/],
  [`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, timezone: "Mars/Olympus"`, 'timezone', /not a known IANA timezone/],
  [`steps: ${VIEW_CART_PURCHASE}, timeRange: {from: "2026-06-07", to: "2026-06-01"}`, 'timeRange', /is after/],
])('%s is rejected as BAD_USER_INPUT naming %s', async (args, argument, message) => {
  const error = await errorOf(args);
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
  expect(error.message).toMatch(message);
});

test.each([
  [`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, where: {nosuch: {eq: "x"}}`, /nosuch/],
  [`steps: [{eventType: "view", where: {colour: {eq: "x"}}}], ${JUNE}`, /colour/],
  [`steps: ${VIEW_CART_PURCHASE}, ${JUNE}, breakdown: NOSUCH`, /NOSUCH/],
])('an unknown dimension is rejected by the schema: %s', async (args, message) => {
  const error = await errorOf(args);
  expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(error.message).toMatch(message);
});
