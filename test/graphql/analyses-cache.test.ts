import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// Analyses run through the same cache and per-request batching as metrics.
let api: TestApi;
let statements: string[];
beforeAll(async () => {
  const warehouse = await openFixture('small');
  const run = warehouse.run.bind(warehouse);
  api = await createTestApi({ ...warehouse, run: (q) => (statements.push(q.sql), run(q)) }, undefined, { differential: false });
});
afterAll(() => api.pulse.close());

const DOC = `{
  a: retention(timeRange: {from: "2026-01-05", to: "2026-01-18"}, grain: WEEK, periods: 2, asOf: "2026-03-01T00:00:00Z") { cohorts { size } cached }
  b: retention(timeRange: {from: "2026-01-05", to: "2026-01-18"}, grain: WEEK, periods: 2, asOf: "2026-03-01T00:00:00Z") { cohorts { size } sql }
  lifecycle(timeRange: {from: "2026-01-05", to: "2026-01-18"}) { periods { new } cached }
  funnel(timeRange: {from: "2026-01-01", to: "2026-01-31"}, steps: [{eventType: "login"}, {eventType: "purchase"}]) { steps { users } cached }
}`;

test('identical analysis fields share one statement; a repeat request is served from the cache', async () => {
  statements = [];
  const first = await api.data(DOC);
  expect(statements).toHaveLength(3);
  expect(first.a.cohorts).toEqual(first.b.cohorts);
  expect(first.b.sql).toMatch(/^WITH/);
  expect([first.a.cached, first.lifecycle.cached, first.funnel.cached]).toEqual([false, false, false]);

  statements = [];
  const second = await api.data(DOC);
  expect(statements).toHaveLength(0);
  expect([second.a.cached, second.lifecycle.cached, second.funnel.cached]).toEqual([true, true, true]);
  expect(second.funnel.steps).toEqual(first.funnel.steps);
});

test('every analysis result has meta', async () => {
  const data = await api.data(`{
    retention(timeRange: {from: "2026-01-05", to: "2026-01-18"}, periods: 2, asOf: "2026-03-01T00:00:00Z") { meta { source cached dataVersion computedAt } }
    lifecycle(timeRange: {from: "2026-01-05", to: "2026-01-18"}) { meta { source } }
    funnel(timeRange: {from: "2026-01-01", to: "2026-01-31"}, steps: [{eventType: "login"}]) { meta { source } }
    conversion(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { meta { source } }
    users(asOf: "2026-03-01T00:00:00Z", first: 1) { meta { source } }
  }`);
  for (const field of ['retention', 'lifecycle', 'funnel', 'conversion', 'users']) expect(data[field].meta.source).toMatch(/^(raw|[a-z_,]+)$/);
  expect(data.retention.meta.dataVersion).toBe(await api.pulse.executor.dataVersion());
  expect(data.retention.meta.computedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
});
