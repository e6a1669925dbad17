import { sql, type Kysely } from 'kysely';
import { bumpDataVersion, type WarehouseTables } from '../db';
import { withoutIndexes } from './demo/bulk';
import { insertEvents } from './demo/events';
import { stageSessions } from './demo/sessions';
import { insertChurn, insertPlans, insertUsers, stageLives, stageUsers } from './demo/users';

export interface DemoOptions {
  /** Users to create (default 5000). */
  users: number;
  /** Days of data (default 180), ending with endDate. */
  days: number;
  /** Last day of data, YYYY-MM-DD in UTC (default '2026-10-31'); nothing happens after 23:59:59 UTC that day. */
  endDate: string;
  /** Same seed and options give identical rows, on PGlite and on PostgreSQL (default 42). */
  seed: number;
}

/** Rows inserted per table. */
export interface DemoSummary {
  plans: number;
  users: number;
  events: number;
  churn: number;
}

export const DEFAULT_DEMO_OPTIONS: Readonly<DemoOptions> = { users: 5000, days: 180, endDate: '2026-10-31', seed: 42 };

const STAGING = ['pulse_demo_sess', 'pulse_demo_life', 'pulse_demo_u', 'pulse_demo_p'];

/**
 * Fill an empty warehouse with a deterministic demo data set: plans, users,
 * their events and churn (see src/ingest/demo/ for the model). Everything is
 * generated set-based inside the database, in one transaction (the caller's,
 * if `db` is one), and the data version is bumped at the end.
 * Throws if users or events already hold rows.
 */
export async function seedDemoData(db: Kysely<WarehouseTables>, options: Partial<DemoOptions> = {}): Promise<DemoSummary> {
  const resolved = resolveDemoOptions(options);
  const seed = (trx: Kysely<WarehouseTables>) => seedInTransaction(trx, resolved);
  return db.isTransaction ? seed(db) : db.transaction().execute(seed);
}

export function resolveDemoOptions(options: Partial<DemoOptions>): DemoOptions {
  const resolved = { ...DEFAULT_DEMO_OPTIONS, ...stripUndefined(options) };
  const { users, days, endDate, seed } = resolved;
  if (!Number.isInteger(users) || users < 1 || users > 10_000_000) {
    throw new Error(`Demo option users must be an integer from 1 to 10000000, got ${String(users)}`);
  }
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    throw new Error(`Demo option days must be an integer from 1 to 3660, got ${String(days)}`);
  }
  if (!Number.isSafeInteger(seed) || Math.abs(seed) > 2 ** 40) {
    throw new Error(`Demo option seed must be an integer of at most 2^40 in size, got ${String(seed)}`);
  }
  if (parseDay(endDate) === null) {
    throw new Error(`Demo option endDate must be a date YYYY-MM-DD, got ${JSON.stringify(endDate)}`);
  }
  return resolved;
}

function stripUndefined(options: Partial<DemoOptions>): Partial<DemoOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/** Milliseconds since the epoch of a real calendar day's UTC midnight, or null. */
function parseDay(text: unknown): number | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? null : ms;
}

async function seedInTransaction(db: Kysely<WarehouseTables>, options: DemoOptions): Promise<DemoSummary> {
  // A seed of the default size outlasts an interactive statement timeout; SET LOCAL ends with the transaction.
  await sql`SET LOCAL statement_timeout = 0`.execute(db);
  // The generator's long CASE expressions make JIT compile for seconds and save nothing.
  await sql`SET LOCAL jit = off`.execute(db);
  // Numbering ~100k sessions sorts in memory instead of spilling to disk.
  await sql`SET LOCAL work_mem = '64MB'`.execute(db);
  // Two seeders at once would both see empty tables; the second waits here, then finds rows.
  await sql`LOCK TABLE users, events IN SHARE ROW EXCLUSIVE MODE`.execute(db);
  await assertEmpty(db);

  const endMs = parseDay(options.endDate) ?? 0;
  const startMs = endMs - (options.days - 1) * 86_400_000;
  // Every option enters the SQL here, as bound parameters; later statements read this row.
  await sql`
    CREATE TEMP TABLE pulse_demo_p ON COMMIT DROP AS
    SELECT ${String(options.seed)}::bigint AS seed, ${options.users}::int AS users, ${options.days}::int AS days,
      ${new Date(startMs).toISOString()}::timestamptz AS t0, ${new Date(endMs + 86_400_000).toISOString()}::timestamptz AS t1,
      ${new Date(startMs).getUTCDay()}::int AS dow0`.execute(db);

  const plans = await insertPlans(db);
  await stageUsers(db);
  const users = await insertUsers(db);
  await stageLives(db);
  const churn = await insertChurn(db);
  await stageSessions(db);
  const events = await withoutIndexes(db, 'events', () => insertEvents(db));
  for (const table of STAGING) await sql`DROP TABLE ${sql.table(table)}`.execute(db);

  await bumpDataVersion(db);
  // Fresh statistics, so the first queries plan well (PGlite never autovacuums).
  await sql`ANALYZE plans, users, events, churn`.execute(db);
  return { plans, users, events, churn };
}

async function assertEmpty(db: Kysely<WarehouseTables>): Promise<void> {
  const { rows } = await sql<{ users: boolean; events: boolean }>`
    SELECT EXISTS (SELECT 1 FROM users) AS users, EXISTS (SELECT 1 FROM events) AS events`.execute(db);
  const full = Object.entries(rows[0] ?? {}).filter(([, hasRows]) => hasRows).map(([table]) => table);
  if (full.length > 0) {
    throw new Error(`Demo data needs an empty warehouse, but ${full.join(' and ')} already ${full.length > 1 ? 'have' : 'has'} rows`);
  }
}
