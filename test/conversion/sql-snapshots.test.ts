import type { ConversionAnalysis } from '../../src/catalog/types';
import { compileConversion, type ConversionQuery } from '../../src/compiler/conversion';
import { displaySql } from '../../src/execution';
import { smallCatalog } from '../support/metrics';

// Readable SQL for conversion: a snapshot diff shows any unintended change.
const catalog = smallCatalog();
const analysis = catalog.analyses.get('conversion') as ConversionAnalysis;
const base: ConversionQuery = {
  timeRange: { from: '2026-07-01', to: '2026-07-31' },
  grain: 'WEEK',
  timezone: 'UTC',
  weekStart: 'MONDAY',
  goalEventType: 'purchase',
  windowDays: null,
  asOf: null,
  where: null,
};

test.each<[string, Partial<ConversionQuery>]>([
  ['weekly cohorts, no window', {}],
  ['monthly cohorts in Berlin, a plan filter, a 14-day window and asOf', {
    grain: 'MONTH',
    timezone: 'Europe/Berlin',
    where: { dimensions: new Map([['plan', { eq: 'Pro' }]]), and: [], or: [] },
    windowDays: 14,
    asOf: '2026-07-20T00:00:00.000Z',
  }],
])('%s', (_name, overrides) => {
  const compiled = compileConversion(catalog, analysis, { ...base, ...overrides });
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('the goal is a bound parameter', () => {
  const hostile = "purchase'; DROP TABLE users; --";
  const compiled = compileConversion(catalog, analysis, { ...base, goalEventType: hostile });
  expect(compiled.sql).not.toContain(hostile);
  expect(compiled.parameters).toContain(hostile);
});
