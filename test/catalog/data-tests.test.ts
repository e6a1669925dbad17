import { catalogJsonSchema, parseCatalog } from '../../src/catalog';
import { BASE_MODELS, problemsWithBase } from './helpers';

describe('data tests', () => {
  it('normalises generic and singular tests, filling in names, severity and the related field', () => {
    const catalog = parseCatalog([
      { path: 'base.yml', text: BASE_MODELS },
      {
        path: 'test.yml',
        text: `data_tests:
  - { test: not_null, model: events, column: user_id }
  - { name: ids_unique, test: unique, model: events, column: event_id, severity: warn }
  - { test: accepted_values, model: events, column: platform, values: [web, ios] }
  - { test: relationships, model: events, column: user_id, to: users }
  - name: event_after_signup
    description: No event before signup.
    sql: |
      SELECT e.event_id FROM events e JOIN users u USING (user_id) WHERE e.occurred_at < u.signup_at;
`,
      },
    ]);
    expect([...catalog.dataTests.keys()]).toEqual([
      'not_null_events_user_id',
      'ids_unique',
      'accepted_values_events_platform',
      'relationships_events_user_id',
      'event_after_signup',
    ]);
    expect(catalog.dataTests.get('not_null_events_user_id')).toEqual({
      name: 'not_null_events_user_id',
      description: '',
      severity: 'error',
      kind: 'not_null',
      model: 'events',
      column: 'user_id',
      location: { file: 'test.yml', line: 2, column: 5 },
    });
    expect(catalog.dataTests.get('ids_unique')).toMatchObject({ kind: 'unique', severity: 'warn' });
    expect(catalog.dataTests.get('accepted_values_events_platform')).toMatchObject({ values: ['web', 'ios'] });
    expect(catalog.dataTests.get('relationships_events_user_id')).toMatchObject({ to: 'users', field: 'user_id' });
    // The trailing semicolon and newline go: the statement is wrapped in a CTE.
    expect(catalog.dataTests.get('event_after_signup')).toMatchObject({
      kind: 'singular',
      description: 'No event before signup.',
      sql: 'SELECT e.event_id FROM events e JOIN users u USING (user_id) WHERE e.occurred_at < u.signup_at',
    });
  });

  it('checks models and columns against the catalog, with did-you-mean', () => {
    expect(
      problemsWithBase(`data_tests:
  - { test: not_null, model: event, column: user_id }
  - { test: unique, model: events, column: event_ids }
  - { test: accepted_values, model: events, column: occurred_at, values: [x] }
  - { test: relationships, model: events, column: user_id, to: user }
  - { test: relationships, model: events, column: user_id, to: users, field: userid }
`),
    ).toEqual([
      'test.yml:2:30 UNKNOWN_MODEL: Data test "not_null_event_user_id" refers to unknown model "event". Did you mean "events"?',
      'test.yml:3:44 UNKNOWN_COLUMN: Data test "unique_events_event_ids" refers to unknown column "event_ids" of model "events". Did you mean "event_id"?',
      'test.yml:4:53 WRONG_TYPE: Data test "accepted_values_events_occurred_at" needs a string or number column, but "events.occurred_at" is a timestamp column.',
      'test.yml:5:64 UNKNOWN_MODEL: Data test "relationships_events_user_id" refers to unknown model "user". Did you mean "users"?',
      'test.yml:6:5 DUPLICATE_NAME: Data test "relationships_events_user_id" is defined twice; the first definition is at test.yml:5:5. Give one of them a `name`.',
      'test.yml:6:78 UNKNOWN_COLUMN: Data test "relationships_events_user_id" refers to unknown column "userid" of model "users". Did you mean "user_id"?',
    ]);
  });

  it('reports shape problems: missing or unknown test, fields, values, and SQL that is not one SELECT', () => {
    expect(
      problemsWithBase(`data_tests:
  - { model: events, column: user_id }
  - { test: not_nul, model: events, column: user_id }
  - { test: unique, model: events, column: event_id, colum: x }
  - { test: accepted_values, model: events, column: platform, values: [] }
  - { test: not_null, model: events, column: platform, severity: fatal }
  - { name: a, sql: "" }
  - { name: b, sql: "DELETE FROM events" }
  - { name: c, sql: "SELECT 1; DROP TABLE events" }
  - { sql: "SELECT 1" }
`),
    ).toEqual([
      'test.yml:2:5 INVALID_SHAPE: Data test #1 needs a field "test" (not_null, unique, accepted_values, relationships) or, for a singular test, "sql".',
      'test.yml:3:13 INVALID_SHAPE: Data test #2: field "test" must be one of not_null, unique, accepted_values, relationships, got "not_nul". Did you mean "not_null"?',
      'test.yml:4:54 INVALID_SHAPE: Data test #3 has unknown field "colum". Did you mean "column"?',
      'test.yml:5:71 INVALID_SHAPE: Data test #4: field "values" must list at least one value, got [].',
      'test.yml:6:66 INVALID_SHAPE: Data test #5: field "severity" must be one of error, warn, got "fatal".',
      'test.yml:7:21 INVALID_SHAPE: Data test "a": field "sql" must not be empty.',
      'test.yml:8:21 INVALID_SHAPE: Data test "b": field "sql" must be one SELECT (or WITH ... SELECT) statement returning the failing rows.',
      'test.yml:9:21 INVALID_SHAPE: Data test "c": field "sql" must be a single statement (no ";" inside).',
      'test.yml:10:5 INVALID_SHAPE: Data test #9 is missing required field "name".',
    ]);
  });

  it('are reported with every other catalog problem', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: n, kind: count, model: event }
data_tests:
  - { test: not_null, model: users, column: signup }
`),
    ).toEqual([
      'test.yml:2:36 UNKNOWN_MODEL: Metric "n" refers to unknown model "event". Did you mean "events"?',
      'test.yml:4:45 UNKNOWN_COLUMN: Data test "not_null_users_signup" refers to unknown column "signup" of model "users". Did you mean "signup_at"?',
    ]);
  });

  it('keep the dataQuality Query field free: no analysis may take its name', () => {
    expect(problemsWithBase(`analyses:
  - { name: data_quality, kind: lifecycle, users_model: users, activity_model: events }
`)).toEqual([
      'test.yml:2:13 DUPLICATE_NAME: Analysis "data_quality" uses a reserved name: it is the Query field that reports the data test results.',
    ]);
  });

  it('are described in the JSON Schema for editors, one variant per test', () => {
    type Def = { properties: Record<string, { default?: unknown }>; required: string[] };
    const schema = catalogJsonSchema() as { $defs: Record<string, Def> };
    expect(schema.$defs.relationships_test?.required).toEqual(['test', 'model', 'column', 'to']);
    expect(schema.$defs.singular_test?.required).toEqual(['name', 'sql']);
    expect(schema.$defs.not_null_test?.properties.severity?.default).toBe('error');
  });
});
