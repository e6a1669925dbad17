import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { ExecutionError } from '../util/errors';
import { watchPglite, type ChangeFeed, type ChangeHandlers } from './change-feed';
import { onLocalChange, STATE_CHANNEL } from './data-version';
import { lockDataDir } from './dir-lock';
import { listenPostgres } from './pg-listener';
import { PGliteDialect } from './pglite-dialect';
import type { WarehouseTables } from './schema';

export type Engine = 'postgres' | 'pglite';
export type Row = Record<string, unknown>;

/** The database Pulse reads and loads: PostgreSQL through pg, or embedded PGlite. */
export interface Warehouse {
  readonly engine: Engine;
  readonly db: Kysely<WarehouseTables>;
  /** The embedded instance (PGlite only), for what Kysely cannot say: COPY from a blob. */
  readonly pglite?: PGlite;
  /** Run a compiled query; failures become ExecutionError with a safe message. */
  run(query: CompiledQuery): Promise<Row[]>;
  /**
   * Hear about changes of warehouse state (bumpDataVersion, notifyStateChange)
   * made by this process or any other: NOTIFY on PostgreSQL (a dedicated LISTEN
   * connection), in-process notifications on PGlite.
   */
  watchChanges(handlers: ChangeHandlers): Promise<ChangeFeed>;
  close(): Promise<void>;
}

export interface WarehouseOptions {
  /** postgres:// URL; null for PGlite. */
  readonly databaseUrl: string | null;
  /** PGlite directory; 'memory://' for a throwaway instance. */
  readonly dataDir: string;
  readonly queryTimeoutMs?: number;
  /** PostgreSQL connections at most (default 10). */
  readonly poolSize?: number;
}

/**
 * Settings of every pooled session: analytic statements over misestimated CTEs
 * spend more in JIT compilation than in execution, and grouping millions of
 * (bucket, user) pairs by hash needs more than the default 4 MB, which sends
 * the planner to disk sorts.
 */
export const SESSION_OPTIONS = '-c jit=off -c work_mem=64MB';

// Counts come back as int8 and numerics as strings; metrics are Floats anyway.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openWarehouse(options: WarehouseOptions): Promise<Warehouse> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      // Two more than the statement gate lets through: key checks, /readyz and the data-version
      // reads do not pass the gate and must not wait behind a burst of heavy statements.
      max: (options.poolSize ?? 10) + 2,
      statement_timeout: options.queryTimeoutMs ?? 30_000,
      connectionTimeoutMillis: 5_000,
      options: SESSION_OPTIONS,
    });
    // A connection dying (server restart, network cut) must not crash the process: the pool
    // drops idle clients itself, and a query in flight fails through its own promise.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const url = options.databaseUrl;
    // Reach it now: a wrong DATABASE_URL is named at start, not as the first request's failure.
    try {
      (await pool.connect()).release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(connectProblem(url, error));
    }
    return wrap('postgres', new Kysely<WarehouseTables>({ dialect: new PostgresDialect({ pool }) }), (handlers) =>
      listenPostgres(url, STATE_CHANNEL, handlers),
    );
  }
  let unlock = (): void => undefined;
  if (!options.dataDir.startsWith('memory://')) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  try {
    const pglite = await PGlite.create(options.dataDir);
    // As on PostgreSQL (SESSION_OPTIONS): hash aggregates in memory rather than sorts on disk.
    await pglite.exec("SET work_mem = '64MB'");
    const close = async () => {
      await pglite.close();
      unlock();
    };
    const db = new Kysely<WarehouseTables>({ dialect: new PGliteDialect(pglite) });
    return { ...wrap('pglite', db, (handlers) => watchPglite(pglite, STATE_CHANNEL, handlers), close), pglite };
  } catch (error) {
    unlock();
    throw error;
  }
}

function wrap(
  engine: Engine,
  db: Kysely<WarehouseTables>,
  watchRemote: (handlers: ChangeHandlers) => Promise<ChangeFeed>,
  closeExtra?: () => Promise<void>,
): Warehouse {
  return {
    engine,
    db,
    async watchChanges(handlers) {
      // PGlite's own notifications already arrive before a bump returns; PostgreSQL's need the shortcut.
      const stopLocal = engine === 'postgres' ? onLocalChange(db, handlers.onChange) : () => undefined;
      const remote = await watchRemote(handlers);
      return {
        async close() {
          stopLocal();
          await remote.close();
        },
      };
    },
    async run(query) {
      try {
        const result = await db.executeQuery<Row>(query);
        return result.rows;
      } catch (error) {
        throw toExecutionError(error);
      }
    },
    async close() {
      await db.destroy();
      await closeExtra?.();
    },
  };
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

export function toExecutionError(error: unknown): ExecutionError {
  if (error instanceof ExecutionError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if ((typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || /connect|terminat|timeout exceeded when trying to connect/i.test(message)) {
    return new ExecutionError('WAREHOUSE_UNAVAILABLE', 'The warehouse is unavailable; try again shortly.', { cause: error });
  }
  if (code === '57014') {
    return new ExecutionError('QUERY_TIMEOUT', 'The query took too long and was cancelled.', { cause: error });
  }
  return new ExecutionError('WAREHOUSE_ERROR', 'The warehouse could not run the query.', { cause: error });
}

/** Why PostgreSQL at `url` cannot be used, in words a user can act on (the password left out). */
export function connectProblem(url: string, error: unknown): string {
  let where = url;
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    where = '(an unreadable URL)';
  }
  const code = (error as { code?: unknown } | null)?.code;
  const cause = error instanceof Error ? error.message : String(error);
  const hint =
    code === '3D000' ? 'create the database (createdb) or fix the name in DATABASE_URL'
    : code === '28P01' || code === '28000' ? 'check the user and password in DATABASE_URL'
    : 'is PostgreSQL running there, and is DATABASE_URL right? (unset it to use the embedded warehouse)';
  return `Cannot use PostgreSQL at ${where} (DATABASE_URL): ${cause}; ${hint}`;
}
