import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

async function errorOf(args: string, fields = 'events'): Promise<{ message: string; code: unknown; argumentName: unknown }> {
  const answer = await api.query(`{ metrics(${args}) { rows { ${fields} } sql } }`);
  expect(answer.errors).toHaveLength(1);
  const error = answer.errors?.[0];
  return { message: error?.message ?? '', code: error?.extensions?.code, argumentName: error?.extensions?.argumentName };
}

test.each([
  ['timeRange: {from: "2026-01-01", to: "2026-01-02"}, timezone: "Mars/Olympus"', 'timezone', /not a known IANA timezone/],
  ['timeRange: {from: "2026-02-01", to: "2026-01-01"}', 'timeRange', /from \(2026-02-01\) is after to \(2026-01-01\)/],
  ['timeRange: {from: "2026-02-30", to: "2026-03-01"}', 'timeRange.from', /not a calendar date/],
  ['timeRange: {from: "2020-01-01", to: "2026-01-01"}, grain: HOUR', 'grain', /52632 buckets; the maximum is 10000/],
  ['timeRange: {from: "2026-01-01", to: "2026-01-02"}, limit: 10001', 'limit', /between 1 and 10000/],
  ['timeRange: {from: "2026-01-01", to: "2026-01-02"}, limit: 0', 'limit', /between 1 and 10000/],
])('%s is rejected as BAD_USER_INPUT naming %s', async (args, argument, message) => {
  const error = await errorOf(args);
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.argumentName).toBe(argument);
  expect(error.message).toMatch(message);
  expect(error.message.startsWith(argument)).toBe(true);
});

test('grouping a metric by a dimension it cannot reach names both', async () => {
  const error = await errorOf('timeRange: {from: "2026-01-01", to: "2026-01-02"}', 'platform churnRate');
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.message).toMatch(/"churnRate".*"platform"/);
});

test('filtering a metric by a dimension it cannot reach names both', async () => {
  const error = await errorOf('timeRange: {from: "2026-01-01", to: "2026-01-02"}, where: {platform: {eq: "web"}}', 'newUsers');
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'where' });
  expect(error.message).toMatch(/"newUsers".*"platform"/);
});

test('ordering by a dimension that is not grouped by', async () => {
  const error = await errorOf('timeRange: {from: "2026-01-01", to: "2026-01-02"}, orderBy: [{field: COUNTRY}]');
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'orderBy' });
});

test('unknown fields and bad scalars are GraphQL validation errors', async () => {
  const answer = await api.query('{ metrics(timeRange: {from: "2026-1-1", to: "2026-01-02"}) { rows { events } } }');
  expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const unknown = await api.query('{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}) { rows { dauu } } }');
  expect(unknown.errors?.[0]?.message).toMatch(/Did you mean "dau"/);
});

test('messages carry no SQL and no stack', async () => {
  const error = await errorOf('timeRange: {from: "2026-01-01", to: "2026-01-02"}, timezone: "Nope/Zone"');
  expect(error.message).not.toMatch(/SELECT|FROM|\n\s+at /);
});
