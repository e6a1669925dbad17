import fs from 'node:fs';
import type { LifecycleAnalysis, RetentionAnalysis } from '../../src/catalog/types';
import { compileLifecycle } from '../../src/compiler/lifecycle';
import { compileRetention } from '../../src/compiler/retention';
import { displaySql } from '../../src/execution';
import { smallCatalog } from '../support/metrics';
test('dump', () => {
  const c = smallCatalog();
  const base = { timeRange: { from: '2026-05-04', to: '2026-10-31' }, grain: 'WEEK' as const, timezone: 'UTC', weekStart: 'MONDAY' as const, where: null };
  const l = compileLifecycle(c, c.analyses.get('lifecycle') as LifecycleAnalysis, base).query;
  fs.writeFileSync('/tmp/lifecycle.sql', displaySql(l.sql, l.parameters));
  const r = compileRetention(c, c.analyses.get('retention') as RetentionAnalysis, { ...base, periods: 26, cohortBy: 'SIGNUP', asOf: new Date('2026-11-01T00:00:00Z'), breakdown: null }).query;
  fs.writeFileSync('/tmp/retention.sql', displaySql(r.sql, r.parameters));
});
