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

/** The NOTIFY channel on which warehouse state changes are announced to every Pulse process. */
export const STATE_CHANNEL = 'pulse_data_version';

/**
 * Bump the version and announce it in the same statement: the NOTIFY is
 * delivered when the statement's (or the caller's) transaction commits, so a
 * listener never re-reads before the new value is visible.
 */
export async function bumpDataVersion(db: Kysely<WarehouseTables>): Promise<string> {
  const row = await sql<{ value: string }>`
    WITH bumped AS (UPDATE pulse_meta SET value = (value::bigint + 1)::text WHERE key = 'data_version' RETURNING value)
    SELECT value, pg_notify(${STATE_CHANNEL}, value) AS notified FROM bumped`.execute(db);
  signalLocalChange(db);
  return row.rows[0]?.value ?? '0';
}

/** Announce a change of warehouse state other than a load (say, refreshed marts); delivered on commit. */
export async function notifyStateChange(db: Kysely<WarehouseTables>): Promise<void> {
  await sql`SELECT pg_notify(${STATE_CHANNEL}, '')`.execute(db);
  signalLocalChange(db);
}

// PostgreSQL delivers a NOTIFY to this process's own listener a round trip later; a request
// that follows the bump in the same process must see it at once, so the bump tells the
// listeners of the same Kysely instance directly. (A bump inside a transaction uses another
// instance and is seen through NOTIFY at commit, never before.)
const localListeners = new WeakMap<object, Set<() => void>>();

export function onLocalChange(db: Kysely<WarehouseTables>, listener: () => void): () => void {
  let set = localListeners.get(db);
  if (!set) localListeners.set(db, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}

/** Tell this process's listeners of `db` at once that the state changed (after a commit made on another connection). */
export function signalLocalChange(db: Kysely<WarehouseTables>): void {
  for (const listener of localListeners.get(db) ?? []) listener();
}
