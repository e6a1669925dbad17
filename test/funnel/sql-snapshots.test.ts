import type { FunnelAnalysis } from '../../src/catalog/types';
import { compileFunnel, type FunnelQuery } from '../../src/compiler/funnel';
import { displaySql } from '../../src/execution';
import { QueryError } from '../../src/util/errors';
import { smallCatalog } from '../support/metrics';

// Readable SQL for the main funnel shapes: a snapshot diff shows any unintended change.
const catalog = smallCatalog();
const analysis = catalog.analyses.get('funnel') as FunnelAnalysis;
const base: FunnelQuery = {
  steps: [{ eventType: 'view', where: null }, { eventType: 'cart', where: null }, { eventType: 'purchase', where: null }],
  timeRange: { from: '2026-06-01', to: '2026-06-07' },
  timezone: 'UTC',
  windowDays: 7,
  where: null,
  breakdown: null,
};
const ios = { dimensions: new Map([['platform', { eq: 'ios' }]]), and: [], or: [] };

test.each<[string, Partial<FunnelQuery>]>([
  ['three steps, no filter', {}],
  ['a step filter, a user filter and a breakdown by plan, Berlin', {
    steps: [{ eventType: 'view', where: null }, { eventType: 'purchase', where: ios }],
    where: { dimensions: new Map([['country', { in: ['US', 'DE'] }]]), and: [], or: [] },
    breakdown: 'plan',
    timezone: 'Europe/Berlin',
  }],
])('%s', (_name, overrides) => {
  const compiled = compileFunnel(catalog, analysis, { ...base, ...overrides });
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('event types are bound parameters, never spliced into the SQL', () => {
  const hostile = "view' OR 1=1 --";
  const compiled = compileFunnel(catalog, analysis, { ...base, steps: [{ eventType: hostile, where: null }] });
  expect(compiled.sql).not.toContain(hostile);
  expect(compiled.parameters).toContain(hostile);
});

test('a dimension the funnel does not know is rejected naming the argument', () => {
  const where = { dimensions: new Map([['colour', { eq: 'red' }]]), and: [], or: [] };
  expect(() => compileFunnel(catalog, analysis, { ...base, steps: [{ eventType: 'view', where }] })).toThrow(
    new QueryError('steps[0].where', 'unknown dimension "colour".'),
  );
  expect(() => compileFunnel(catalog, analysis, { ...base, breakdown: 'platfrom' })).toThrow(/breakdown: unknown dimension "platfrom". Did you mean "platform"\?/);
});
