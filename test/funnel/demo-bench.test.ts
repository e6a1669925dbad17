// TEMPORARY: timing on the demo data set (deleted after measuring).
import fs from 'node:fs';
import { CompiledQuery } from 'kysely';
import type { FunnelAnalysis } from '../../src/catalog/types';
import { compileFunnel } from '../../src/compiler/funnel';
import { migrateToLatest, openWarehouse } from '../../src/db';
import { seedDemoData } from '../../src/ingest/demo';
import { realCatalog } from '../support/api';

const DIR = '/tmp/pulse-funnel-bench-demo';

test('plan', async () => {
  const fresh = !fs.existsSync(DIR);
  const warehouse = await openWarehouse({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: DIR });
  if (fresh) {
    await migrateToLatest(warehouse.db);
    await seedDemoData(warehouse.db);
    await warehouse.db.executeQuery(CompiledQuery.raw('ANALYZE'));
  }
  const catalog = await realCatalog();
  const steps = (process.env.STEPS ?? 'login,feature_use,purchase').split(',').map((eventType) => ({ eventType, where: null }));
  const c = compileFunnel(catalog, catalog.analyses.get('funnel') as FunnelAnalysis, {
    steps, timeRange: { from: '2026-08-03', to: '2026-10-31' }, timezone: 'UTC', windowDays: 7, where: null, breakdown: process.env.BREAKDOWN ?? null,
  });
  for (let i = 0; i < 2; i++) {
    const t = Date.now();
    const r = await warehouse.db.executeQuery(CompiledQuery.raw(c.sql, [...c.parameters]));
    console.log(Date.now() - t, 'ms', JSON.stringify(r.rows));
  }
  const plan = await warehouse.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${c.sql}`, [...c.parameters]));
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  await warehouse.close();
}, 600_000);
