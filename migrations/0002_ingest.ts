import { type Kysely } from 'kysely';

/**
 * Rejected input rows, one per (source file, line): a re-run replaces the verdict
 * for the lines it reads instead of adding rows, so rejects are never duplicated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rejects')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('rejected_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .addPrimaryKeyConstraint('rejects_pkey', ['source', 'line'])
    .execute();
  await db.schema.createIndex('rejects_code_idx').on('rejects').column('code').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rejects').ifExists().execute();
}
