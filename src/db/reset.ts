import { sql, type Kysely } from 'kysely';
import { bumpDataVersion } from './data-version';
import type { WarehouseTables } from './schema';

/** What fills the warehouse: the demo data set (`loading` until every file is in), or nothing known (the user's own data, or empty). */
export type DemoState = 'loading' | 'complete' | null;

const DEMO_KEY = 'demo_data';

export async function readDemoState(db: Kysely<WarehouseTables>): Promise<DemoState> {
  const row = await db.selectFrom('pulse_meta').select('value').where('key', '=', DEMO_KEY).executeTakeFirst();
  return row?.value === 'loading' || row?.value === 'complete' ? row.value : null;
}

export async function writeDemoState(db: Kysely<WarehouseTables>, state: Exclude<DemoState, null>): Promise<void> {
  await db.insertInto('pulse_meta').values({ key: DEMO_KEY, value: state }).onConflict((oc) => oc.column('key').doUpdateSet({ value: state })).execute();
}

/**
 * Empty the warehouse of data (`pulse reset`, and an interrupted demo load):
 * plans, users, events, churn records, rejects, data test results and every
 * mart, in one transaction; API keys and migrations stay. The data version
 * is bumped, so no cached answer outlives it.
 */
export async function resetWarehouse(db: Kysely<WarehouseTables>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'mart\\_%'`.execute(trx);
    for (const { name } of rows) await sql`DROP TABLE ${sql.table(name)}`.execute(trx);
    await trx.deleteFrom('pulse_marts').execute();
    await sql`TRUNCATE plans, users, events, churn, rejects, data_test_results`.execute(trx);
    await trx.deleteFrom('pulse_meta').where('key', '=', DEMO_KEY).execute();
    await bumpDataVersion(trx);
  });
}
