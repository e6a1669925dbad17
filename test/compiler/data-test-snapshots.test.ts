import { compileDataTest } from '../../src/compiler/quality';
import { displaySql } from '../../src/execution';
import { catalogWith, LOOSE_YAML } from '../quality/helpers';

// Readable SQL of each kind of data test: identifiers from the catalog, values bound.
const catalog = catalogWith(LOOSE_YAML);

const cases = [
  'not_null_events_user_id',
  'unique_events_event_id',
  'accepted_values_events_platform',
  'relationships_events_user_id',
  'relationships_users_plan_id',
  'event_after_signup',
];

test.each(cases)('%s', (name) => {
  const test = catalog.dataTests.get(name);
  if (!test) throw new Error(`no data test ${name}`);
  const compiled = compileDataTest(catalog, test);
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('accepted values and the sample size are bound parameters', () => {
  const test = catalog.dataTests.get('accepted_values_events_platform');
  if (!test) throw new Error('missing test');
  const compiled = compileDataTest(catalog, test);
  expect(compiled.parameters).toEqual(['web', 'ios', 'android', 5]);
  expect(compiled.sql).not.toContain("'web'");
});

test('a test whose column is the key selects it once', () => {
  const test = catalog.dataTests.get('not_null_events_event_id');
  if (!test) throw new Error('missing test');
  expect(compileDataTest(catalog, test).sql).toContain('SELECT "events"."event_id" FROM "events" AS "events" WHERE "events"."event_id" IS NULL');
});
