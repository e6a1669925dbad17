import { bumpDataVersion } from '../../src/db';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

let api: TestApi;
let statements: string[];
beforeAll(async () => {
  const warehouse = await openFixture('small');
  statements = [];
  const run = warehouse.run.bind(warehouse);
  // Count the statements that reach the warehouse.
  api = await createTestApi({ ...warehouse, run: (q) => (statements.push(q.sql), run(q)) }, smallCatalog(), { differential: false });
});
afterAll(() => api.pulse.close());
beforeEach(() => {
  statements = [];
  api.pulse.executor.cache.clear();
});

const RANGE = 'timeRange: {from: "2026-01-01", to: "2026-01-08"}, grain: DAY';

test('the second identical request is served from the cache', async () => {
  const first = await api.data(`{ metrics(${RANGE}) { rows { events } cached } }`);
  const second = await api.data(`{ metrics(${RANGE}) { rows { events } cached } }`);
  expect(first.metrics.cached).toBe(false);
  expect(second.metrics.cached).toBe(true);
  expect(second.metrics.rows).toEqual(first.metrics.rows);
  expect(statements).toHaveLength(1);
});

test('a new data version misses the cache', async () => {
  await api.data(`{ metrics(${RANGE}) { rows { events } } }`);
  await bumpDataVersion(api.pulse.warehouse.db);
  const again = await api.data(`{ metrics(${RANGE}) { rows { events } cached } }`);
  expect(again.metrics.cached).toBe(false);
});

test('aliased metrics fields with the same shape run as one statement', async () => {
  const data = await api.data(`{
    a: metrics(${RANGE}) { rows { period events } }
    b: metrics(${RANGE}) { rows { activeUsers dau } }
    c: metrics(${RANGE}, timezone: "Europe/Berlin") { rows { events } }
  }`);
  expect(statements).toHaveLength(2);
  expect(data.a.rows[0]).toEqual({ period: '2026-01-01T00:00:00+00:00', events: 3 });
  expect(data.b.rows[0]).toEqual({ activeUsers: 2, dau: 2 });
  expect(data.c.rows).toHaveLength(8);
});

test('concurrent identical requests share one statement', async () => {
  const doc = `{ metrics(${RANGE}) { rows { wau } } }`;
  const answers = await Promise.all([api.data(doc), api.data(doc), api.data(doc)]);
  expect(statements).toHaveLength(1);
  expect(answers[1]).toEqual(answers[0]);
});

test('sql shows the statement with its values written in', async () => {
  const data = await api.data(`{ metrics(${RANGE}, where: {platform: {eq: "web"}}) { rows { events } sql } }`);
  expect(data.metrics.sql).toContain("= 'web'");
  expect(data.metrics.sql).toMatch(/^WITH buckets AS/);
});

test('meta says where an answer came from; a cached answer keeps the time it was computed', async () => {
  const doc = `{ metrics(${RANGE}, timezone: "Europe/Berlin") { rows { events } meta { cached source dataVersion computedAt } } }`;
  const first = (await api.data(doc)).metrics.meta;
  const version = await api.pulse.executor.dataVersion();
  expect(first).toMatchObject({ cached: false, source: 'raw', dataVersion: version });
  // computedAt is an instant written in the query timezone (winter: +01:00).
  expect(first.computedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = (await api.data(doc)).metrics.meta;
  expect(second).toEqual({ ...first, cached: true });
});
