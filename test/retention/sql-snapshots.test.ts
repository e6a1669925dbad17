import type { RetentionAnalysis } from '../../src/catalog/types';
import { compileRetention, type RetentionQuery } from '../../src/compiler/retention';
import { displaySql } from '../../src/execution';
import { smallCatalog } from '../support/metrics';

// Readable SQL for the main retention cases: a snapshot diff shows any unintended change.
const catalog = smallCatalog();
const analysis = catalog.analyses.get('retention') as RetentionAnalysis;
const base: RetentionQuery = {
  timeRange: { from: '2026-03-01', to: '2026-03-31' },
  grain: 'WEEK',
  timezone: 'UTC',
  weekStart: 'MONDAY',
  periods: 8,
  cohortBy: 'SIGNUP',
  asOf: new Date('2026-06-01T00:00:00Z'),
  where: null,
  breakdown: null,
};

const cases: Array<[string, Partial<RetentionQuery>]> = [
  ['weekly signup cohorts by plan in Berlin, a user and an event filter', {
    timezone: 'Europe/Berlin',
    breakdown: 'plan',
    where: { dimensions: new Map([['country', { eq: 'US' }], ['platform', { in: ['ios', 'web'] }]]), and: [], or: [] },
  }],
  ['monthly first-activity cohorts, Sunday weeks ignored', { grain: 'MONTH', cohortBy: 'FIRST_ACTIVITY', weekStart: 'SUNDAY', periods: 3 }],
];

test.each(cases)('%s', (_name, overrides) => {
  const { query } = compileRetention(catalog, analysis, { ...base, ...overrides });
  expect(displaySql(query.sql, query.parameters)).toMatchSnapshot();
});

test('values are bound parameters, never spliced into the SQL', () => {
  const hostile = "x' OR 1=1 --";
  const { query } = compileRetention(catalog, analysis, {
    ...base,
    where: { dimensions: new Map([['platform', { eq: hostile }]]), and: [], or: [] },
  });
  expect(query.sql).not.toContain(hostile);
  expect(query.parameters).toContain(hostile);
  expect(query.parameters).toContain('2026-06-01T00:00:00.000Z');
});

test('compiling is pure: the same input gives the same SQL and parameters', () => {
  const a = compileRetention(catalog, analysis, base).query;
  const b = compileRetention(catalog, analysis, base).query;
  expect([a.sql, a.parameters]).toEqual([b.sql, b.parameters]);
});
