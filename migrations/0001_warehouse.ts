import { sql, type Kysely } from 'kysely';

/** The SPEC §1 tables, keyed as the spec says, indexed for time-range scans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('plan_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('monthly_price', 'numeric(12, 2)')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('signup_at', 'timestamptz', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('city', 'text')
    .addColumn('acquisition_source', 'text')
    .addColumn('plan_id', 'text', (c) => c.references('plans.plan_id'))
    .execute();
  await db.schema.createIndex('users_signup_at_idx').on('users').column('signup_at').execute();
  await db.schema.createIndex('users_plan_id_idx').on('users').column('plan_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('feature', 'text')
    .addColumn('category', 'text')
    .addColumn('platform', 'text')
    .addColumn('session_id', 'text')
    .addColumn('properties', 'jsonb')
    .execute();
  // Time-range scans for bucketed metrics; per-user scans for windows, sessions and retention.
  await db.schema.createIndex('events_occurred_at_idx').on('events').column('occurred_at').execute();
  await db.schema.createIndex('events_user_id_occurred_at_idx').on('events').columns(['user_id', 'occurred_at']).execute();

  // A user may churn, come back and churn again: one row per churn.
  await db.schema
    .createTable('churn')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
    .addColumn('churned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('churn_pkey', ['user_id', 'churned_at'])
    .execute();
  await db.schema.createIndex('churn_churned_at_idx').on('churn').column('churned_at').execute();

  await db.schema
    .createTable('pulse_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO pulse_meta (key, value) VALUES ('data_version', '1')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['pulse_meta', 'churn', 'events', 'users', 'plans']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
