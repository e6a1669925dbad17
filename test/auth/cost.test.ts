import { parse, type OperationDefinitionNode } from 'graphql';
import type { Warehouse } from '../../src/db';
import { buildPulseSchema, estimateCost } from '../../src/graphql';
import { createTestApi, realCatalog, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// SPEC §11 QUERY_TOO_COMPLEX by estimated cost: buckets x (dimensions + 1) x metrics, cohorts x periods, steps x days, page size.
test('the estimate of each kind of field, summed over aliases, with variables', async () => {
  const catalog = await realCatalog();
  const schema = buildPulseSchema(catalog);
  const cost = (document: string, variables: Record<string, unknown> = {}) =>
    estimateCost(schema, catalog, parse(document).definitions[0] as OperationDefinitionNode, variables);
  expect(cost('{ metrics(timeRange: {from: "2026-01-01", to: "2026-03-31"}, grain: DAY) { rows { period dau } } }')).toBe(90);
  expect(cost('{ metrics(timeRange: {from: "2026-01-01", to: "2026-03-31"}, grain: DAY) { rows { period country plan dau wau mau } } }')).toBe(90 * 3 * 3);
  expect(cost('{ metrics(timeRange: {from: "2026-01-01", to: "2026-03-31"}) { rows { dau } } }')).toBe(1);
  expect(cost('query Q($r: TimeRange!) { a: metrics(timeRange: $r, grain: WEEK) { rows { dau } } b: metrics(timeRange: $r, grain: MONTH) { rows { dau } } }', { r: { from: '2026-01-05', to: '2026-03-29' } })).toBe(12 + 3);
  expect(cost('{ retention(timeRange: {from: "2026-01-05", to: "2026-04-26"}, periods: 15) { cohorts { size } } }')).toBe(16 * 16);
  expect(cost('{ lifecycle(timeRange: {from: "2026-01-05", to: "2026-04-26"}) { periods { new } } }')).toBe(16);
  expect(cost('{ funnel(steps: [{eventType: "a"}, {eventType: "b"}, {eventType: "c"}], timeRange: {from: "2026-01-01", to: "2026-01-30"}) { steps { users } } }')).toBe(90);
  expect(cost('{ users(first: 200) { totalCount } catalog { metrics { name } } }')).toBe(201);
  expect(cost('{ metrics(timeRange: {from: "2026-03-31", to: "2026-01-01"}, grain: DAY) { rows { dau } } }')).toBe(1);
});

let w: Warehouse;
let api: TestApi;
beforeAll(async () => {
  w = await openFixture('small');
  api = await createTestApi(w, undefined, { differential: false, limits: { maxBodyBytes: 1e6, maxDepth: 10, maxAliases: 30, maxCost: 1000, maxRows: 100_000, maxQueue: 100, ratePerMinute: 0, introspection: true } });
});
afterAll(() => api.pulse.close());

test('a request over PULSE_MAX_COST is refused with QUERY_TOO_COMPLEX before anything runs; one under it answers', async () => {
  const over = await api.query('{ metrics(timeRange: {from: "2020-01-01", to: "2026-01-31"}, grain: DAY) { rows { period dau } } }');
  expect(over.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
    ['QUERY_TOO_COMPLEX', "the request's estimated cost is 2223; at most 1000 (PULSE_MAX_COST): ask for fewer buckets, dimensions or metrics"],
  ]);
  const under = await api.query('{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}, grain: DAY) { rows { period dau } } }');
  expect(under.errors).toBeUndefined();
});

test('an answer of more rows than PULSE_MAX_ROWS is refused with QUERY_TOO_COMPLEX and not cached; one within it answers', async () => {
  // Its own warehouse, so closing it leaves the suite's open (and stops its watcher and LISTEN connection).
  const few = await createTestApi(await openFixture('small'), undefined, { differential: false, limits: { maxBodyBytes: 1e6, maxDepth: 10, maxAliases: 30, maxCost: 1000, maxRows: 20, maxQueue: 100, ratePerMinute: 0, introspection: true } });
  try {
    const month = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}, grain: DAY) { rows { period dau } } }';
    for (let i = 0; i < 2; i++) {
      const over = await few.query(month);
      expect(over.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['QUERY_TOO_COMPLEX', 'the answer has 31 rows, over the limit of 20 (PULSE_MAX_ROWS): ask for a coarser grain, fewer dimensions or a shorter range'],
      ]);
    }
    const weeks = await few.data<{ metrics: { rows: unknown[] } }>('{ metrics(timeRange: {from: "2026-01-05", to: "2026-02-01"}, grain: WEEK) { rows { period dau } } }');
    expect(weeks.metrics.rows).toHaveLength(4);
  } finally {
    await few.pulse.close();
  }
});
