import { problemsWithBase } from './helpers';

describe('metric models and columns', () => {
  it('checks the model and bucketing needs a time column', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: a, kind: count, model: event }
  - { name: b, kind: count, model: plans }
`),
    ).toEqual([
      'test.yml:2:36 UNKNOWN_MODEL: Metric "a" refers to unknown model "event". Did you mean "events"?',
      'test.yml:3:36 WRONG_TYPE: Metric "b" (count) needs model "plans" to declare time; it is missing time.',
    ]);
  });

  it('checks the column and its type per kind', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: c, kind: sum, model: events, column: platform }
  - { name: d, kind: avg, model: events, column: amont }
  - { name: e, kind: count_distinct, model: events, column: properties }
  - { name: m, kind: percentile, model: events, column: occurred_at, percentile: 0.5 }
  - { name: ok, kind: daily_mean, model: events, column: occurred_at }
`),
    ).toEqual([
      'test.yml:2:50 WRONG_TYPE: Metric "c" needs a number column for sum, but "events.platform" is a string column.',
      'test.yml:3:50 UNKNOWN_COLUMN: Metric "d" refers to unknown column "amont" of model "events". Did you mean "amount"?',
      'test.yml:4:61 WRONG_TYPE: Metric "e" needs a column that is not json for count_distinct, but "events.properties" is a json column.',
      'test.yml:5:57 WRONG_TYPE: Metric "m" needs a number column for percentile, but "events.occurred_at" is a timestamp column.',
    ]);
  });

  it('checks the churn and activity models', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: f, kind: churn_rate, model: plans, churn_model: plans }
  - { name: g, kind: inactive_users, model: users, activity_model: plans, window_days: 30 }
  - { name: h, kind: churn_rate, model: users, churn_model: evnts }
`),
    ).toEqual([
      'test.yml:2:41 WRONG_TYPE: Metric "f" (churn_rate) needs model "plans" to declare time; it is missing time.',
      'test.yml:2:61 WRONG_TYPE: Metric "f" (churn_rate) needs churn_model "plans" to declare user_key and time; it is missing user_key and time.',
      'test.yml:3:68 WRONG_TYPE: Metric "g" (inactive_users) needs activity_model "plans" to declare user_key and time; it is missing user_key and time.',
      'test.yml:4:61 UNKNOWN_MODEL: Metric "h" refers to unknown model "evnts". Did you mean "events"?',
    ]);
  });
});
