import { compileMetricQuery, type MetricQuery } from '../../src/compiler';
import { displaySql } from '../../src/execution';
import { smallCatalog } from '../support/metrics';

// Readable SQL for the main cases: a snapshot diff shows any unintended change.
const catalog = smallCatalog();
const base: MetricQuery = {
  metrics: ['events'],
  dimensions: [],
  timeRange: { from: '2026-01-01', to: '2026-01-31' },
  grain: 'DAY',
  timezone: 'UTC',
  weekStart: 'MONDAY',
  where: null,
  orderBy: [],
  limit: null,
};

const cases: Array<[string, Partial<MetricQuery>]> = [
  ['count and count_distinct by day share one scan', { metrics: ['events', 'active_users'] }],
  ['dau by week, Sunday start, Berlin', { metrics: ['dau'], grain: 'WEEK', weekStart: 'SUNDAY', timezone: 'Europe/Berlin' }],
  ['wau and mau by hour', { metrics: ['wau', 'mau'], grain: 'HOUR' }],
  ['stickiness by platform, no grain', { metrics: ['stickiness'], dimensions: ['platform'], grain: null }],
  ['churn rate by plan and month', { metrics: ['churn_rate'], dimensions: ['plan'], grain: 'MONTH' }],
  ['inactive users with a user and an event filter', {
    metrics: ['inactive_users'],
    where: { dimensions: new Map([['country', { eq: 'US' }], ['platform', { in: ['ios', 'web'] }]]), and: [], or: [] },
  }],
  ['tenure and signup month, ordered by events', {
    metrics: ['events'],
    dimensions: ['tenure', 'signup_month'],
    orderBy: [{ field: 'events', direction: 'DESC' }],
    limit: 10,
  }],
];

test.each(cases)('%s', (_name, overrides) => {
  const compiled = compileMetricQuery(catalog, { ...base, ...overrides });
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('values are bound parameters, never spliced into the SQL', () => {
  const hostile = "x' OR 1=1 --";
  const compiled = compileMetricQuery(catalog, {
    ...base,
    where: { dimensions: new Map([['platform', { eq: hostile }]]), and: [], or: [] },
  });
  expect(compiled.sql).not.toContain(hostile);
  expect(compiled.parameters).toContain(hostile);
});

test('compiling is pure: the same input gives the same SQL and parameters', () => {
  const a = compileMetricQuery(catalog, base);
  const b = compileMetricQuery(catalog, base);
  expect(a.sql).toBe(b.sql);
  expect(a.parameters).toEqual(b.parameters);
});
