import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { A, usersPage } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('people'));
});
afterAll(() => api.pulse.close());

async function badInput(args: string): Promise<{ argumentName: unknown; message: string }> {
  const answer = await api.query(`{ users(${args}) { totalCount } }`);
  expect(answer.errors).toHaveLength(1);
  const error = answer.errors?.[0];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.message).not.toMatch(/SELECT|stack/i);
  return { argumentName: error?.extensions?.argumentName, message: error?.message ?? '' };
}

test.each([
  ['first: 0', 'first'],
  ['first: -1', 'first'],
  ['first: 1001', 'first'],
  ['inactiveAfterDays: 0', 'inactiveAfterDays'],
  ['timezone: "Mars/Olympus"', 'timezone'],
  ['after: "not a cursor"', 'after'],
  // Valid base64url, but not JSON / not a cursor's shape.
  [`after: "${Buffer.from('hello').toString('base64url')}"`, 'after'],
  [`after: "${Buffer.from('[1,2]').toString('base64url')}"`, 'after'],
  // A cursor's shape with a key the SQL cast would reject.
  [`after: "${Buffer.from('["total_events","ASC","3; DROP","a1"]').toString('base64url')}", orderBy: {field: TOTAL_EVENTS}`, 'after'],
])('%s -> BAD_USER_INPUT naming %s', async (args, argument) => {
  expect((await badInput(`asOf: "${A}", ${args}`)).argumentName).toBe(argument);
});

test('first: 1000 is the largest page', async () => {
  expect((await usersPage(api, `asOf: "${A}", first: 1000`)).totalCount).toBe(9);
});

test('a filter on a dimension users cannot reach names where and the dimension', async () => {
  const error = await badInput(`asOf: "${A}", where: {platform: {eq: "web"}}`);
  expect(error.argumentName).toBe('where');
  expect(error.message).toContain('platform');
  const nested = await badInput(`asOf: "${A}", where: {OR: [{country: {eq: "US"}}, {eventType: {eq: "login"}}]}`);
  expect(nested.argumentName).toBe('where');
  expect(nested.message).toContain('eventType');
});

test('a cursor of another ordering is refused, naming after', async () => {
  const page = await usersPage(api, `asOf: "${A}", orderBy: {field: TOTAL_EVENTS}, first: 2`);
  const cursor = page.pageInfo.endCursor;
  const error = await badInput(`asOf: "${A}", orderBy: {field: SIGNUP_AT}, after: "${cursor}"`);
  expect(error).toMatchObject({ argumentName: 'after' });
  expect(error.message).toContain('TOTAL_EVENTS');
});
