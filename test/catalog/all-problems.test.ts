import { parseCatalog } from '../../src/catalog';
import { DefinitionError } from '../../src/util/errors';

// One broken set of files with a problem of almost every kind: all are reported in one error, in file order.
const MODELS = `models:
  - name: events
    table: events
    primary_key: event_id
    time: occured_at
    columns: { event_id: string, occurred_at: timestamp, platform: string }
    joins: [{ model: user, column: user_id }]
  - name: users
    table: users
    primary_key: user_id
    time: signup_at
    columns: { user_id: string, signup_at: timestamp }
`;

const DEFINITIONS = `dimensions:
  - { name: platform, model: events, column: platform }
  - { name: signup_week, model: users, calendar: { column: signup_at, part: week } }
metrics:
  - { name: events, kind: count, model: events }
  - { name: platform, kind: count, model: events }
  - { name: new_users, kind: count, model: users, filter: { platform: { eq: web } } }
  - { name: spend, kind: sum, model: events, column: platform }
  - { name: per_user, kind: ratio, numerator: events, denominator: user }
  - { name: loop, kind: derived, expr: "loop * 2" }
  - { name: broken, kind: derived, expr: "events +" }
`;

describe('every problem at once', () => {
  it('collects the problems of all files in one DefinitionError', () => {
    let error: unknown;
    try {
      parseCatalog([
        { path: 'metrics/models.yml', text: MODELS },
        { path: 'metrics/definitions.yml', text: DEFINITIONS },
        { path: 'metrics/syntax.yml', text: 'metrics:\n  - name: [\n' },
      ]);
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof DefinitionError)) throw new Error('expected a DefinitionError');
    expect(error.problems.map((p) => [`${p.location?.file}:${p.location?.line}:${p.location?.column}`, p.code])).toEqual([
      ['metrics/models.yml:5:11', 'UNKNOWN_COLUMN'],
      ['metrics/models.yml:7:22', 'UNKNOWN_MODEL'],
      ['metrics/models.yml:7:36', 'UNKNOWN_COLUMN'],
      ['metrics/definitions.yml:3:77', 'INVALID_SHAPE'],
      ['metrics/definitions.yml:6:13', 'DUPLICATE_NAME'],
      ['metrics/definitions.yml:7:61', 'UNREACHABLE_JOIN'],
      ['metrics/definitions.yml:8:54', 'WRONG_TYPE'],
      ['metrics/definitions.yml:9:68', 'UNKNOWN_METRIC'],
      ['metrics/definitions.yml:10:41', 'DERIVED_CYCLE'],
      ['metrics/definitions.yml:11:51', 'INVALID_EXPRESSION'],
      ['metrics/syntax.yml:3:1', 'YAML_SYNTAX'],
    ]);
    // The error message lists them too, one per line, for the CLI.
    expect(error.message.split('\n')[0]).toBe('11 problem(s) in metric definitions:');
    expect(error.message).toContain(
      '  metrics/models.yml:5:11 UNKNOWN_COLUMN: Model "events" (time) refers to unknown column "occured_at" of model "events". Did you mean "occurred_at"?',
    );
    expect(error.message).toContain(
      '  metrics/definitions.yml:9:68 UNKNOWN_METRIC: Metric "per_user" refers to unknown metric "user".',
    );
  });
});
