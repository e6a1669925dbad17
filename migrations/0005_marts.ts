import { type Kysely } from 'kysely';

/**
 * What each mart in the warehouse was built from and for (SPEC §10 freshness):
 * the definition hash, the data version its rows reflect, its row count (the
 * matcher prefers the smallest mart) and the latest activity time it covers.
 * The marts' own tables (mart_<name>) follow their YAML and are created by
 * the refresh, not by a migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pulse_marts')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('rows', 'bigint', (c) => c.notNull())
    .addColumn('max_time', 'timestamptz')
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pulse_marts').ifExists().execute();
}
