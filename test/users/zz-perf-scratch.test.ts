import { migrateToLatest, openWarehouse } from '../../src/db';
import { seedDemoData } from '../../src/ingest/demo';
import { createTestApi } from '../support/api';

test('perf on demo data (scratch)', async () => {
  const warehouse = await openWarehouse({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: 'memory://' });
  await migrateToLatest(warehouse.db);
  const n = (await warehouse.db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n;
  const summary = Number(n) > 0 ? "seeded" : await seedDemoData(warehouse.db);
  console.log(JSON.stringify(summary));
  const api = await createTestApi(warehouse);
  for (const args of ['first: 50', 'first: 50, orderBy: {field: TOTAL_EVENTS, direction: DESC}', 'first: 1000, status: ACTIVE, where: {plan: {eq: "Pro"}}, orderBy: {field: LAST_ACTIVE_AT}']) {
    const t0 = Date.now();
    const d = await api.data(`{ users(asOf: "2026-10-31T00:00:00Z", ${args}) { totalCount edges { node { userId status totalEvents } } pageInfo { endCursor } sql } }`);
    console.log(args, Date.now() - t0, 'ms', d.users.totalCount, d.users.edges.length, JSON.stringify(d.users.edges.slice(0, 2)));
    require("fs").writeFileSync(`/tmp/users-q${args.length}.sql`, d.users.sql);
  }
  await api.pulse.close();
}, 300000);
