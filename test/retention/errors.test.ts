import fs from 'node:fs';
import { parseCatalog } from '../../src/catalog';
import type { Catalog, LifecycleAnalysis, RetentionAnalysis } from '../../src/catalog/types';
import { compileLifecycle } from '../../src/compiler/lifecycle';
import { compileRetention, type RetentionQuery } from '../../src/compiler/retention';
import { QueryError } from '../../src/util/errors';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
});
afterAll(() => api.pulse.close());

async function errorOf(field: string, args: string): Promise<{ message: string; code: unknown; argumentName: unknown }> {
  const range = args.includes('timeRange') ? '' : 'timeRange: {from: "2026-01-01", to: "2026-01-31"}, ';
  const answer = await api.query(`{ ${field}(${range}${args}) { sql } }`);
  expect(answer.errors).toHaveLength(1);
  const error = answer.errors?.[0];
  return { message: error?.message ?? '', code: error?.extensions?.code, argumentName: error?.extensions?.argumentName };
}

test.each([
  ['retention', 'grain: HOUR', 'grain', /DAY, WEEK or MONTH buckets; got HOUR/],
  ['retention', 'grain: QUARTER', 'grain', /DAY, WEEK or MONTH buckets; got QUARTER/],
  ['retention', 'periods: 0', 'periods', /between 1 and 1000; got 0/],
  ['retention', 'grain: DAY, periods: 1000, timeRange: {from: "2026-01-01", to: "2026-12-31"}', 'periods', /365 cohorts x 1000 periods/],
  ['retention', 'breakdown: PLATFORM', 'breakdown', /"platform": it is not reachable from users/],
  ['retention', 'breakdown: TENURE', 'breakdown', /"tenure": it is not reachable from users/],
  ['retention', 'timezone: "Mars/Olympus"', 'timezone', /not a known IANA timezone/],
  ['lifecycle', 'timezone: "Nope/Zone"', 'timezone', /not a known IANA timezone/],
  ['lifecycle', 'grain: HOUR, timeRange: {from: "2020-01-01", to: "2026-01-01"}', 'grain', /buckets; the maximum is 10000/],
])('%s(%s) is BAD_USER_INPUT naming %s', async (field, args, argument, message) => {
  const error = await errorOf(field, args);
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
  expect(error.message).toMatch(message);
  expect(error.message).not.toMatch(/SELECT|FROM/);
});

describe('dimensions the catalog lacks or cannot reach (compiled directly)', () => {
  // churn_reason lives on churn: it joins to users, but neither users nor events reach it.
  const files = fs.readdirSync('metrics').filter((f) => f.endsWith('.yml'));
  const catalog: Catalog = parseCatalog([
    ...files.map((f) => ({ path: `metrics/${f}`, text: fs.readFileSync(`metrics/${f}`, 'utf8') })),
    { path: 'test/churn-reason.yml', text: 'dimensions:\n  - { name: churn_reason, model: churn, column: reason }\n' },
  ]);
  const retention = catalog.analyses.get('retention') as RetentionAnalysis;
  const lifecycle = catalog.analyses.get('lifecycle') as LifecycleAnalysis;
  const base: RetentionQuery = {
    timeRange: { from: '2026-01-01', to: '2026-01-31' },
    grain: 'WEEK',
    timezone: 'UTC',
    weekStart: 'MONDAY',
    periods: 4,
    cohortBy: 'SIGNUP',
    asOf: new Date('2026-06-01T00:00:00Z'),
    where: null,
    breakdown: null,
  };
  const where = (name: string) => ({ dimensions: new Map([[name, { eq: 'x' }]]), and: [], or: [] });
  const thrown = (run: () => unknown): QueryError => {
    try {
      run();
    } catch (error) {
      if (error instanceof QueryError) return error;
      throw error;
    }
    throw new Error('expected a QueryError');
  };

  test.each([
    ['unknown breakdown', { breakdown: 'plann' }, 'breakdown', /unknown dimension "plann". Did you mean "plan"\?/],
    ['unreachable breakdown', { breakdown: 'churn_reason' }, 'breakdown', /"churnReason": it is not reachable from users/],
    ['unknown where', { where: where('platfrom') }, 'where', /unknown dimension "platfrom". Did you mean "platform"\?/],
    ['unreachable where', { where: where('churn_reason') }, 'where', /"churnReason": it is reachable from neither users nor events/],
  ])('retention: %s', (_case, overrides, argument, message) => {
    const error = thrown(() => compileRetention(catalog, retention, { ...base, ...overrides }));
    expect(error.argument).toBe(argument);
    expect(error.message).toMatch(message);
  });

  test('lifecycle: a filter events cannot reach', () => {
    const error = thrown(() => compileLifecycle(catalog, lifecycle, { ...base, where: where('churn_reason') }));
    expect(error.argument).toBe('where');
    expect(error.message).toMatch(/"churnReason": it is not reachable from events/);
  });
});
