import { createTestApi, type TestApi } from '../support/api';
import { counted } from '../support/changes';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

// A repeated request is answered formatted from the answer cache; what it answers must not change.
let api: TestApi;
let statements: string[];
beforeAll(async () => {
  const w = counted(await openFixture('small'));
  statements = w.statements;
  api = await createTestApi(w.warehouse, smallCatalog(), { differential: false });
});
afterAll(() => api.pulse.close());
beforeEach(() => {
  api.pulse.executor.cache.clear();
  statements.length = 0;
});

const RANGE = 'timeRange: {from: "2026-01-01", to: "2026-01-08"}, grain: DAY';

test('a field merged with another keeps the merged SQL; alone, it has its own, however often it is asked', async () => {
  const merged = await api.data(`{ a: metrics(${RANGE}) { rows { events } sql } b: metrics(${RANGE}) { rows { dau } sql } }`);
  expect(merged.a.sql).toBe(merged.b.sql);
  const alone = await api.data(`{ a: metrics(${RANGE}) { rows { events } sql cached } }`);
  expect(alone.a.sql).not.toBe(merged.a.sql);
  expect(alone.a.cached).toBe(false);
  const again = await api.data(`{ a: metrics(${RANGE}) { rows { events } sql cached } }`);
  expect(again.a).toEqual({ ...alone.a, cached: true });
  const mergedAgain = await api.data(`{ a: metrics(${RANGE}) { rows { events } sql } b: metrics(${RANGE}) { rows { dau } sql } }`);
  expect(mergedAgain).toEqual(merged);
  expect(statements).toHaveLength(2);
});

test('the same answer in another timezone is its own, with its own periods and computedAt offset', async () => {
  const doc = (tz: string) => `{ metrics(${RANGE}, timezone: "${tz}") { rows { period events } meta { computedAt } } }`;
  const utc = await api.data(doc('UTC'));
  const berlin = await api.data(doc('Europe/Berlin'));
  const utcAgain = await api.data(doc('UTC'));
  expect(utc.metrics.rows[0].period).toBe('2026-01-01T00:00:00+00:00');
  expect(berlin.metrics.rows[0].period).toBe('2026-01-01T00:00:00+01:00');
  expect(berlin.metrics.meta.computedAt).toMatch(/\+01:00$/);
  expect(utcAgain).toEqual(utc);
});

test('a bad field keeps failing with its own error, request after request, while its neighbour is cached', async () => {
  const doc = `{ good: metrics(${RANGE}) { rows { events } } bad: metrics(${RANGE}, timezone: "Mars/Olympus") { rows { events } } }`;
  const first = await api.query(doc);
  const second = await api.query(doc);
  expect(second.errors).toEqual(first.errors);
  expect(first.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(first.errors?.[0]?.path).toEqual(['bad']);
  // MetricResult is non-null, so the failed field nulls the whole answer, as it always did.
  expect(second.data).toBeNull();
  const good = await api.data(`{ good: metrics(${RANGE}) { rows { events } cached } }`);
  expect(good.good.cached).toBe(true);
  expect(statements).toHaveLength(1);
});
