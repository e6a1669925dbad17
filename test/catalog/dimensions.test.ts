import { parseCatalog } from '../../src/catalog';
import { BASE_MODELS, problemsWithBase } from './helpers';

describe('dimension columns and reachability', () => {
  it('checks the model and columns a dimension reads', () => {
    expect(
      problemsWithBase(`dimensions:
  - { name: a, model: event, column: platform }
  - { name: b, model: events, column: platfrm }
  - { name: g, model: events, day_bins: { from: usr.signup_at, to: occurred_at, bins: [0, 7] } }
  - { name: h, model: events, calendar: { column: users.signup, part: month } }
  - { name: d, model: events, column: users.country }
`),
    ).toEqual([
      'test.yml:2:23 UNKNOWN_MODEL: Dimension "a" refers to unknown model "event". Did you mean "events"?',
      'test.yml:3:39 UNKNOWN_COLUMN: Dimension "b" refers to unknown column "platfrm" of model "events". Did you mean "platform"?',
      'test.yml:4:49 UNKNOWN_MODEL: Dimension "g" refers to unknown model "usr". Did you mean "users"?',
      'test.yml:5:51 UNKNOWN_COLUMN: Dimension "h" refers to unknown column "signup" of model "users". Did you mean "signup_at"?',
      'test.yml:6:39 UNKNOWN_COLUMN: Dimension "d" refers to unknown column "users.country" of model "events". ' +
        'A column dimension reads its own model: use model: users and column: country.',
    ]);
  });

  it('needs string columns for column dimensions and timestamps for calendar and day_bins', () => {
    expect(
      problemsWithBase(`dimensions:
  - { name: c, model: events, column: amount }
  - { name: e, model: users, calendar: { column: country, part: month } }
  - { name: t, model: events, day_bins: { from: users.country, to: occurred_at, bins: [0] } }
`),
    ).toEqual([
      'test.yml:2:39 WRONG_TYPE: Dimension "c" needs a string column, but "events.amount" is a number column.',
      'test.yml:3:50 WRONG_TYPE: Dimension "e" needs a timestamp column, but "users.country" is a string column.',
      'test.yml:4:49 WRONG_TYPE: Dimension "t" needs a timestamp column, but "users.country" is a string column.',
    ]);
  });

  it('reports a model the dimension reads but cannot join to', () => {
    expect(
      problemsWithBase(`dimensions:
  - name: f
    model: users
    day_bins: { from: signup_at, to: events.occurred_at, bins: [0, 7] }
`),
    ).toEqual([
      'test.yml:4:38 UNREACHABLE_JOIN: Dimension "f" on model "users" reads "events.occurred_at", ' +
        'but model "events" is not reachable by joins from "users".',
    ]);
  });

  it('lists every model read, owner first, through a chain of joins', () => {
    const catalog = parseCatalog([
      { path: 'base.yml', text: BASE_MODELS },
      { path: 'test.yml', text: 'dimensions:\n  - { name: plan_age, model: events, calendar: { column: users.signup_at, part: year } }\n' },
    ]);
    expect(catalog.dimensions.get('plan_age')?.models).toEqual(['events', 'users']);
    expect(catalog.dimensions.get('plan_age')?.description).toBe('');
  });
});
