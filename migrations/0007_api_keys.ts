import { sql, type Kysely } from 'kysely';

/**
 * SPEC §11 API keys: only a salted hash of each key's secret is kept. A key is
 * found by its public id (the part of the token before the secret), so a
 * request costs one indexed read; revoked_at ends a key at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pulse_api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'viewer')`))
    .addColumn('tenant_id', 'text')
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pulse_api_keys').ifExists().execute();
}
