import { sql, type Kysely } from 'kysely';
import type { WarehouseTables } from './schema';

/**
 * The warehouse's data version: part of every cache key, bumped by every load,
 * so a cached answer never outlives the data it was computed from.
 */
export async function readDataVersion(db: Kysely<WarehouseTables>): Promise<string> {
  const row = await db.selectFrom('pulse_meta').select('value').where('key', '=', 'data_version').executeTakeFirst();
  return row?.value ?? '0';
}

export async function bumpDataVersion(db: Kysely<WarehouseTables>): Promise<string> {
  const row = await sql<{ value: string }>`
    UPDATE pulse_meta SET value = (value::bigint + 1)::text WHERE key = 'data_version' RETURNING value`.execute(db);
  return row.rows[0]?.value ?? '0';
}
