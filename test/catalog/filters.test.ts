import { parseCatalog } from '../../src/catalog';
import { BASE_MODELS, problemsWithBase } from './helpers';

describe('metric filters', () => {
  it('reports unknown dimensions and dimensions the metric cannot reach', () => {
    expect(
      problemsWithBase(`metrics:
  - name: a
    kind: count
    model: users
    filter:
      platform: { eq: web }
      or:
        - platfrm: { eq: ios }
        - country: { in: [SE, NO] }
        - a: { eq: x }
`),
    ).toEqual([
      'test.yml:6:7 UNREACHABLE_JOIN: Metric "a" on model "users" cannot be filtered by dimension "platform": ' +
        'it reads model "events", which is not reachable by joins from "users".',
      'test.yml:8:11 UNKNOWN_DIMENSION: Metric "a" filters on unknown dimension "platfrm". Did you mean "platform"?',
      'test.yml:10:11 UNKNOWN_DIMENSION: Metric "a" filters on "a", which is a metric, not a dimension.',
    ]);
  });

  it('normalises the filter to a FilterNode with camelCase operators', () => {
    const catalog = parseCatalog([
      { path: 'base.yml', text: BASE_MODELS },
      {
        path: 'test.yml',
        text: `metrics:
  - name: web_events
    kind: count
    model: events
    filter:
      platform: { not_in: [ios], is_null: false }
      or:
        - country: { eq: SE }
`,
      },
    ]);
    const metric = catalog.metrics.get('web_events');
    if (metric?.kind !== 'count' || !metric.filter) throw new Error('expected a count metric with a filter');
    expect([...metric.filter.dimensions]).toEqual([['platform', { notIn: ['ios'], isNull: false }]]);
    expect(metric.filter.and).toEqual([]);
    expect(metric.filter.or).toHaveLength(1);
    expect([...(metric.filter.or[0]?.dimensions ?? [])]).toEqual([['country', { eq: 'SE' }]]);
  });
});
