import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { loadCatalog } from '../../src/catalog';
import { buildPulseSchema, schemaText } from '../../src/graphql';
import { realCatalog } from '../support/api';

test('schema.graphql is generated from the code and the catalog and is up to date (npm run schema)', async () => {
  // The whole metrics/ folder, a user's own files included: npm run schema writes it from them.
  const expected = schemaText(await loadCatalog('metrics'));
  expect(fs.readFileSync('schema.graphql', 'utf8')).toBe(expected);
});

test('npm run schema:check passes on the committed files', () => {
  // The built CLI is what npm scripts run; build output exists after npm install (prepare).
  if (!fs.existsSync('dist/src/cli/main.js')) execFileSync('npm', ['run', '-s', 'build'], { stdio: 'pipe' });
  const out = execFileSync('node', ['bin/pulse.js', 'schema', '--check'], { encoding: 'utf8' });
  expect(out).toMatch(/up to date/);
});

test('the schema has the SPEC §9 surface and generated catalog fields', async () => {
  const text = schemaText(await realCatalog());
  for (const line of [
    'enum TimeGrain',
    'enum Weekday',
    'input StringFilter',
    'input DimensionFilter',
    'AND: [DimensionFilter!]',
    'OR: [DimensionFilter!]',
    'acquisitionSource: StringFilter',
    'type MetricRow',
    'activeUsers: Float',
    'period: DateTime',
    'catalog: Catalog!',
    'rows: [MetricRow!]!',
    'sql: String!',
    'cached: Boolean!',
  ]) {
    expect(text).toContain(line);
  }
  const metrics = buildPulseSchema(await realCatalog()).getQueryType()?.getFields().metrics;
  expect(String(metrics?.type)).toBe('MetricResult!');
  expect(Object.fromEntries((metrics?.args ?? []).map((a) => [a.name, String(a.type)]))).toEqual({
    timeRange: 'TimeRange!',
    grain: 'TimeGrain',
    timezone: 'String',
    weekStart: 'Weekday',
    where: 'DimensionFilter',
    orderBy: '[MetricOrder!]',
    limit: 'Int',
    compareTo: 'CompareTo', // SPEC §12
  });
  const row = buildPulseSchema(await realCatalog()).getType('MetricRow') as any;
  expect([String(row.getFields().previousPeriod.type), String(row.getFields().previous.type)]).toEqual(['DateTime', 'MetricValues']);
});
