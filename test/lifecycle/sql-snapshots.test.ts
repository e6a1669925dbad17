import type { LifecycleAnalysis } from '../../src/catalog/types';
import { compileLifecycle, type LifecycleQuery } from '../../src/compiler/lifecycle';
import { displaySql } from '../../src/execution';
import { smallCatalog } from '../support/metrics';

// Readable SQL for the main lifecycle cases: a snapshot diff shows any unintended change.
const catalog = smallCatalog();
const analysis = catalog.analyses.get('lifecycle') as LifecycleAnalysis;
const base: LifecycleQuery = {
  timeRange: { from: '2026-03-01', to: '2026-03-31' },
  grain: 'WEEK',
  timezone: 'UTC',
  weekStart: 'MONDAY',
  where: null,
};

const cases: Array<[string, Partial<LifecycleQuery>]> = [
  ['weekly, Sunday start, Berlin, plan filter', {
    timezone: 'Europe/Berlin',
    weekStart: 'SUNDAY',
    where: { dimensions: new Map([['plan', { eq: 'Pro' }]]), and: [], or: [] },
  }],
  ['hourly buckets step in absolute time', { grain: 'HOUR', timeRange: { from: '2026-03-29', to: '2026-03-29' }, timezone: 'Europe/Berlin' }],
  ['quarterly', { grain: 'QUARTER' }],
];

test.each(cases)('%s', (_name, overrides) => {
  const { query } = compileLifecycle(catalog, analysis, { ...base, ...overrides });
  expect(displaySql(query.sql, query.parameters)).toMatchSnapshot();
});
