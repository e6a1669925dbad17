import { type Kysely } from 'kysely';

/**
 * SPEC §11: a user may belong to a tenant (text, optional); the user's events
 * and churn records are the tenant's too, so only users carry the column.
 * Indexed with the user so a tenant's users are read by index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('tenant_id', 'text').execute();
  await db.schema.createIndex('users_tenant_id_idx').on('users').columns(['tenant_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_tenant_id_idx').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('tenant_id').execute();
}
