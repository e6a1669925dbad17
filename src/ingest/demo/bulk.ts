import { sql, type Kysely } from 'kysely';
import type { WarehouseTables } from '../../db';

type Db = Kysely<WarehouseTables>;

interface Ddl {
  drop_sql: string;
  create_sql: string;
}

/**
 * Run `load` with the table's indexes and key constraints dropped, then put
 * them back, as PostgreSQL's "Populating a Database" advises: one index build
 * and one foreign-key check for the whole table instead of one per row. On
 * PGlite this halves the time of loading ~600k events. The definitions are read
 * from the catalog, so whatever the migrations declare comes back exactly, and
 * inside the caller's transaction a failure restores everything. Keys that
 * other tables reference stay, since dropping them would need CASCADE.
 */
export async function withoutIndexes<T>(db: Db, table: string, load: () => Promise<T>): Promise<T> {
  const constraints = await sql<Ddl>`
    SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop_sql,
      format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS create_sql
    FROM pg_constraint c
    WHERE c.conrelid = ${table}::regclass
      AND (c.contype = 'f' OR (c.contype IN ('p', 'u') AND NOT EXISTS (
        SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = c.conrelid)))
    ORDER BY c.contype = 'f' DESC, c.conname`.execute(db);
  const indexes = await sql<Ddl>`
    SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop_sql, pg_get_indexdef(i.indexrelid) AS create_sql
    FROM pg_index i
    WHERE i.indrelid = ${table}::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
    ORDER BY i.indexrelid::regclass::text`.execute(db);

  // Foreign keys go first and come back last; plain indexes are independent of the keys.
  for (const ddl of [...constraints.rows, ...indexes.rows]) await sql.raw(ddl.drop_sql).execute(db);
  const result = await load();
  for (const ddl of [...indexes.rows, ...[...constraints.rows].reverse()]) await sql.raw(ddl.create_sql).execute(db);
  return result;
}
