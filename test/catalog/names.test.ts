import { problemsWithBase } from './helpers';

describe('DUPLICATE_NAME', () => {
  it('keeps model names unique among models', () => {
    expect(
      problemsWithBase(`models:
  - { name: events, table: e2, primary_key: id, columns: { id: string } }
`),
    ).toEqual(['test.yml:2:13 DUPLICATE_NAME: Model "events" is defined twice; the first definition is at base.yml:2:11.']);
  });

  it('puts metrics and dimensions in one namespace, compared as GraphQL fields', () => {
    expect(
      problemsWithBase(`dimensions:
  - { name: platform, model: events, column: platform }
  - { name: a_1, model: events, column: platform }
metrics:
  - { name: country, kind: count, model: users }
  - { name: a1, kind: count, model: users }
  - { name: x, kind: count, model: users }
  - { name: x, kind: count, model: users }
`),
    ).toEqual([
      'test.yml:2:13 DUPLICATE_NAME: Dimension "platform" is defined twice; the first definition is at base.yml:21:13.',
      'test.yml:5:13 DUPLICATE_NAME: Metric "country" has the same name as dimension "country" (base.yml:22:13): ' +
        'metrics and dimensions share one namespace, the fields of MetricRow.',
      'test.yml:6:13 DUPLICATE_NAME: Metric "a1" and dimension "a_1" (test.yml:3:13) would both be the GraphQL field "a1".',
      'test.yml:8:13 DUPLICATE_NAME: Metric "x" is defined twice; the first definition is at test.yml:7:13.',
    ]);
  });

  it('reserves period for MetricRow and and/or for filters', () => {
    expect(
      problemsWithBase(`dimensions:
  - { name: and, model: events, column: platform }
metrics:
  - { name: period, kind: count, model: users }
`),
    ).toEqual([
      'test.yml:2:13 DUPLICATE_NAME: Dimension "and" uses a reserved name: a filter uses it to combine conditions.',
      'test.yml:4:13 DUPLICATE_NAME: Metric "period" uses a reserved name: it is the time bucket field of MetricRow.',
    ]);
  });
});
