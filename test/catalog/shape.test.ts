import { problemsWithBase } from './helpers';

describe('INVALID_SHAPE', () => {
  it('reports missing and unknown fields, with did-you-mean over the allowed keys', () => {
    expect(
      problemsWithBase(`metrics:
  - name: dau
    kind: daily_mean
    model: events
    colum: user_id
`),
    ).toEqual([
      'test.yml:2:5 INVALID_SHAPE: Metric "dau" is missing required field "column".',
      'test.yml:5:5 INVALID_SHAPE: Metric "dau" has unknown field "colum". Did you mean "column"?',
    ]);
  });

  it('says which fields a kind does not take', () => {
    expect(
      problemsWithBase(`metrics:
  - name: c
    kind: count
    model: events
    column: user_id
`),
    ).toEqual(['test.yml:5:5 INVALID_SHAPE: Metric "c" of kind "count" does not take field "column".']);
  });

  it('reports wrong value types and ranges', () => {
    expect(
      problemsWithBase(`metrics:
  - name: wau
    kind: trailing_distinct
    model: events
    column: user_id
    window_days: "7"
  - name: p
    kind: percentile
    model: events
    column: amount
    percentile: 1.5
  - { name: inactive, kind: inactive_users, model: users, activity_model: events, window_days: 0 }
`),
    ).toEqual([
      'test.yml:6:18 INVALID_SHAPE: Metric "wau": field "window_days" must be a positive whole number of days, got "7".',
      'test.yml:11:17 INVALID_SHAPE: Metric "p": field "percentile" must be between 0 and 1 (exclusive), got 1.5.',
      'test.yml:12:96 INVALID_SHAPE: Metric "inactive": field "window_days" must be a positive whole number of days, got 0.',
    ]);
  });

  it('reports an unknown kind with did-you-mean, and names that are not snake_case', () => {
    expect(
      problemsWithBase(`metrics:
  - name: Daily
    kind: cont
    model: events
`),
    ).toEqual([
      'test.yml:2:11 INVALID_SHAPE: Metric "Daily": field "name" must be snake_case (lowercase letters, digits and _, starting with a letter), got "Daily".',
      'test.yml:3:11 INVALID_SHAPE: Metric "Daily": field "kind" must be one of count, count_distinct, sum, avg, min, max, percentile, ' +
        'session_count, session_duration, daily_mean, trailing_distinct, churn_rate, inactive_users, ratio, derived, got "cont". Did you mean "count"?',
    ]);
  });

  it('names an entry without a name by its position', () => {
    expect(
      problemsWithBase(`metrics:
  - kind: count
    model: events
  - just a string
`),
    ).toEqual([
      'test.yml:2:5 INVALID_SHAPE: Metric #1 is missing required field "name".',
      'test.yml:4:5 INVALID_SHAPE: Metric #2 must be a map of fields, got "just a string".',
    ]);
  });

  it('checks filters field by field', () => {
    expect(
      problemsWithBase(`metrics:
  - name: f
    kind: count
    model: events
    filter:
      platform: { eq: 3, nq: web }
      and:
        - platform: { in: [] }
`),
    ).toEqual([
      'test.yml:6:23 INVALID_SHAPE: Metric "f": field "filter.platform.eq" must be a string, got 3.',
      'test.yml:6:26 INVALID_SHAPE: Metric "f" has unknown field "filter.platform.nq". Did you mean "eq" or "neq"?',
      'test.yml:8:27 INVALID_SHAPE: Metric "f": field "filter.and[0].platform.in" must list at least one value, got [].',
    ]);
  });

  it('requires exactly one of column, calendar and day_bins on a dimension', () => {
    expect(
      problemsWithBase(`dimensions:
  - name: a
    model: events
  - name: b
    model: events
    column: platform
    calendar: { column: occurred_at, part: month }
`),
    ).toEqual([
      'test.yml:2:5 INVALID_SHAPE: Dimension "a" needs one of the fields column, calendar or day_bins.',
      'test.yml:7:5 INVALID_SHAPE: Dimension "b" has both "column" and "calendar": a dimension is exactly one of column, calendar or day_bins.',
    ]);
  });

  it('checks calendar parts and day bins', () => {
    expect(
      problemsWithBase(`dimensions:
  - name: c
    model: events
    day_bins: { from: users.signup_at, to: occurred_at, bins: [1, 7, 7] }
  - name: d
    model: events
    calendar: { column: occurred_at, part: mnth }
  - name: e
    model: events
    day_bins: { from: users.signup_at, to: occurred_at, bins: [0, 1.5] }
`),
    ).toEqual([
      'test.yml:4:63 INVALID_SHAPE: Dimension "c": field "day_bins.bins" must start at 0 and be strictly increasing, got [1, 7, 7].',
      'test.yml:7:44 INVALID_SHAPE: Dimension "d": field "calendar.part" must be one of day, month, quarter, year, got "mnth". Did you mean "month"?',
      'test.yml:10:67 INVALID_SHAPE: Dimension "e": field "day_bins.bins[1]" must be a whole number, got 1.5.',
    ]);
  });

  it('checks model fields, column names and types', () => {
    expect(
      problemsWithBase(`models:
  - name: m
    table: "bad table"
    primary_key: id
    columns: { id: string, Bad-Col: string, at: timestmp }
    joins: [{ model: users, colum: x }]
`),
    ).toEqual([
      'test.yml:3:12 INVALID_SHAPE: Model "m": field "table" must be a table name, optionally schema-qualified (schema.table), got "bad table".',
      'test.yml:5:28 INVALID_SHAPE: Model "m": key "Bad-Col" of "columns" must be a SQL identifier (letters, digits and _).',
      'test.yml:5:49 INVALID_SHAPE: Model "m": field "columns.at" must be one of string, number, timestamp, json, got "timestmp". Did you mean "timestamp"?',
      'test.yml:6:13 INVALID_SHAPE: Model "m" is missing required field "joins[0].column".',
      'test.yml:6:29 INVALID_SHAPE: Model "m" has unknown field "joins[0].colum". Did you mean "column"?',
    ]);
  });
});
