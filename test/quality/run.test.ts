import { realCatalog } from '../support/api';
import { createSmallScratch, type Scratch } from '../support/scratch';
import type { Warehouse } from '../../src/db';
import { readDataQuality, runDataTests, type DataTestResult } from '../../src/execution';
import { breakRules, catalogWith, loadLoose, LOOSE_YAML } from './helpers';

// Data tests on a private copy of the small fixture (PGlite or PostgreSQL), with hand-placed violations.
let scratch: Scratch;
let warehouse: Warehouse;
beforeEach(async () => {
  scratch = await createSmallScratch();
  warehouse = await scratch.open();
});
afterEach(async () => {
  await warehouse.close();
  await scratch.drop();
});

const byName = (results: readonly DataTestResult[]) => new Map(results.map((r) => [r.name, r]));
const ids = (result: DataTestResult | undefined, key: string) => result?.sample.map((row) => row[key]);

test('clean data: every default test passes and the run is ok', async () => {
  const catalog = await realCatalog();
  const run = await runDataTests(warehouse, catalog);
  expect(run.results.map((r) => [r.name, r.status, r.failures])).toEqual([...catalog.dataTests.keys()].map((name) => [name, 'pass', 0]));
  expect(run.summary).toMatchObject({ passed: catalog.dataTests.size, failed: 0, warned: 0, errored: 0, ok: true });
  expect(run.results.every((r) => r.sample.length === 0)).toBe(true);
});

test('broken business rules fail with their exact counts and samples; warn-severity ones warn', async () => {
  await breakRules(warehouse.db);
  const run = await runDataTests(warehouse, await realCatalog());
  const failing = run.results.filter((r) => r.status !== 'pass').map((r) => [r.name, r.status, r.failures]);
  expect(failing).toEqual([
    ['accepted_values_events_platform', 'fail', 1],
    ['event_after_signup', 'fail', 2],
    ['churn_after_signup', 'fail', 1],
    ['no_negative_price', 'fail', 1],
    ['no_event_in_future', 'fail', 1],
    ['no_signup_in_future', 'warn', 1],
  ]);
  const results = byName(run.results);
  expect(results.get('accepted_values_events_platform')?.sample).toEqual([{ event_id: 'x2', platform: 'tv' }]);
  expect(ids(results.get('event_after_signup'), 'event_id')).toEqual(['x1', 'x2']);
  // Sample rows keep the columns in the order the SQL selects them.
  expect(Object.keys(results.get('event_after_signup')?.sample[0] ?? {})).toEqual(['event_id', 'user_id', 'occurred_at']);
  expect(ids(results.get('churn_after_signup'), 'user_id')).toEqual(['u5']);
  expect(results.get('no_negative_price')?.sample).toEqual([{ plan_id: 'p_neg', monthly_price: -5 }]);
  expect(ids(results.get('no_event_in_future'), 'event_id')).toEqual(['x3']);
  expect(ids(results.get('no_signup_in_future'), 'user_id')).toEqual(['u9']);
  expect(run.summary).toMatchObject({ passed: 16, failed: 5, warned: 1, errored: 0, ok: false });
});

test('relationships on the warehouse itself: rows written around ingest (no foreign keys) are caught', async () => {
  await warehouse.db.insertInto('events').values({
    event_id: 'orphan1', user_id: 'u_ghost', occurred_at: '2026-02-01T00:00:00Z', event_type: 'login',
    feature: null, category: null, platform: 'web', session_id: null, properties: null,
  }).execute();
  await warehouse.db.insertInto('churn').values({ user_id: 'u_ghost', churned_at: '2026-02-02T00:00:00Z', reason: null }).execute();
  const run = await runDataTests(warehouse, await realCatalog(), { only: ['relationships_events_user_id', 'relationships_churn_user_id', 'relationships_users_plan_id'] });
  expect(run.results.map((r) => [r.name, r.status, r.failures, r.sample])).toEqual([
    ['relationships_events_user_id', 'fail', 1, [{ event_id: 'orphan1', user_id: 'u_ghost' }]],
    ['relationships_churn_user_id', 'fail', 1, [{ user_id: 'u_ghost' }]],
    ['relationships_users_plan_id', 'pass', 0, []],
  ]);
});

test('generic tests on a table without constraints; a test whose SQL fails is an error and the run goes on', async () => {
  await loadLoose(warehouse.db);
  const catalog = catalogWith(LOOSE_YAML);
  const names = ['not_null_loose_user_id', 'unique_loose_id', 'relationships_loose_user_id', 'scores_known', 'broken_rule'];
  const run = await runDataTests(warehouse, catalog, { only: names });
  const results = byName(run.results);
  expect(run.results.map((r) => [r.name, r.status, r.failures])).toEqual([
    ['not_null_loose_user_id', 'fail', 1],
    ['unique_loose_id', 'fail', 1],
    ['relationships_loose_user_id', 'fail', 2],
    ['scores_known', 'warn', 1],
    ['broken_rule', 'error', null],
  ]);
  expect(results.get('not_null_loose_user_id')?.sample).toEqual([{ id: 'b' }]);
  expect(results.get('unique_loose_id')?.sample).toEqual([{ id: 'a', occurrences: 2 }]);
  expect(results.get('relationships_loose_user_id')?.sample).toEqual([
    { id: 'c', user_id: 'ghost' },
    { id: 'd', user_id: 'ghost' },
  ]);
  // A null score is not_null's business, as in dbt.
  expect(results.get('scores_known')?.sample).toEqual([{ id: 'c', score: 3 }]);
  expect(results.get('broken_rule')?.message).toMatch(/no_such_table/);
  expect(run.summary).toMatchObject({ passed: 0, failed: 3, warned: 1, errored: 1, ok: false });
});

test('samples stop at 5 rows; failures count them all', async () => {
  const catalog = catalogWith(`
data_tests:
  - name: every_event
    sql: SELECT event_id FROM events
`);
  const [result] = (await runDataTests(warehouse, catalog, { only: ['every_event'] })).results;
  expect(result?.failures).toBe(22);
  expect(ids(result, 'event_id')).toEqual(['e01', 'e02', 'e03', 'e04', 'e05']);
});

test('unknown names in `only` are refused with did-you-mean', async () => {
  await expect(runDataTests(warehouse, await realCatalog(), { only: ['event_after_singup'] })).rejects.toThrow(
    'only: unknown data test "event_after_singup". Did you mean "event_after_signup"',
  );
});

test('the stored results: each test\'s latest, in catalog order', async () => {
  const catalog = await realCatalog();
  expect(await readDataQuality(warehouse, catalog)).toEqual({
    results: [],
    summary: { passed: 0, failed: 0, warned: 0, errored: 0, lastRunAt: null, ok: true },
    rejects: [],
  });
  await breakRules(warehouse.db);
  const first = await runDataTests(warehouse, catalog, { now: new Date('2026-11-01T00:00:00Z') });
  await warehouse.db.deleteFrom('events').where('event_id', '=', 'x2').execute();
  await runDataTests(warehouse, catalog, { only: ['accepted_values_events_platform'], now: new Date('2026-11-02T00:00:00Z') });
  const report = await readDataQuality(warehouse, catalog);
  expect(report.results.map((r) => r.name)).toEqual([...catalog.dataTests.keys()]);
  const latest = byName(report.results);
  expect(latest.get('accepted_values_events_platform')).toMatchObject({ status: 'pass', failures: 0, checkedAt: new Date('2026-11-02T00:00:00Z') });
  // Not re-run: still the first run's verdict, sample included.
  expect(latest.get('event_after_signup')).toEqual(byName(first.results).get('event_after_signup'));
  expect(report.summary).toMatchObject({ passed: 17, failed: 4, warned: 1, errored: 0, ok: false });
  expect(report.summary.lastRunAt).toEqual(new Date('2026-11-02T00:00:00Z'));
});
