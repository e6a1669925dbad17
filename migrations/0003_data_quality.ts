import { type Kysely } from 'kysely';

/**
 * Results of `pulse check`, one row per (run, data test); dataQuality reads
 * each test's latest row. History is kept: it is small (one row per test per run).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_test_results')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('column_name', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failures', 'bigint')
    .addColumn('sample', 'jsonb', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_test_results_pkey', ['run_id', 'name'])
    .execute();
  await db.schema.createIndex('data_test_results_name_idx').on('data_test_results').columns(['name', 'checked_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_test_results').ifExists().execute();
}
