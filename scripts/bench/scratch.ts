import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openWarehouse, SESSION_OPTIONS, type Row, type Warehouse } from '../../src/db';
import type { BenchOptions, Engine } from './options';

/**
 * The bench's own warehouse: a new PostgreSQL database (created here, refused
 * if it exists, dropped by drop()) or a new PGlite directory (removed by
 * drop()), migrated and empty. Hand-written SQL runs on it directly: a plain
 * pg client with the session settings of Pulse's pool (jit off), so the two
 * sides differ only in their SQL, or PGlite's own query method.
 */

export interface Scratch {
  readonly engine: Engine;
  /** For ingest's COPY connection; null on PGlite. */
  readonly databaseUrl: string | null;
  readonly warehouse: Warehouse;
  /** The engine's version() line. */
  readonly version: string;
  sql(text: string, params: readonly unknown[]): Promise<Row[]>;
  /** Idempotent: closes every connection and removes the database or directory. */
  drop(): Promise<void>;
}

/** Statements are allowed 10 minutes, so a slow answer at scale is measured instead of cut off at Pulse's 30 s default. */
const STATEMENT_TIMEOUT_MS = 600_000;

export async function createScratch(options: BenchOptions): Promise<Scratch> {
  return options.engine === 'postgres' ? createPostgres(options.server, options.database, options.reuse) : createPglite();
}

async function createPostgres(server: string, name: string, reuse: boolean): Promise<Scratch> {
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const target = new URL(server);
  target.pathname = `/${name}`;
  const databaseUrl = target.toString();
  if (!reuse) await adminQuery(admin.toString(), `CREATE DATABASE "${name}"`).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot create the scratch database ${name} (${message}); pass --database to choose another name`);
  });
  let warehouse: Warehouse | undefined;
  let client: pg.Client | undefined;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await client?.end().catch(() => undefined);
    await warehouse?.close().catch(() => undefined);
    if (!reuse) await adminQuery(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    warehouse = await openWarehouse({ databaseUrl, dataDir: '', queryTimeoutMs: STATEMENT_TIMEOUT_MS });
    await migrateToLatest(warehouse.db);
    client = new pg.Client({ connectionString: databaseUrl, options: SESSION_OPTIONS, statement_timeout: STATEMENT_TIMEOUT_MS });
    await client.connect();
    const version = String((await client.query<{ version: string }>('SELECT version()')).rows[0]?.version);
    const hand = client;
    return {
      engine: 'postgres',
      databaseUrl,
      warehouse,
      version,
      sql: async (text, params) => (await hand.query(text, [...params])).rows as Row[],
      drop,
    };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}

async function createPglite(): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-pglite-'));
  let warehouse: Warehouse | undefined;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await warehouse?.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    warehouse = await openWarehouse({ databaseUrl: null, dataDir: dir });
    await migrateToLatest(warehouse.db);
    const pglite = warehouse.pglite;
    if (!pglite) throw new Error('PGlite warehouse without its instance');
    const version = String((await pglite.query<{ version: string }>('SELECT version()')).rows[0]?.version);
    return {
      engine: 'pglite',
      databaseUrl: null,
      warehouse,
      version,
      sql: async (text, params) => (await pglite.query<Row>(text, [...params])).rows,
      drop,
    };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
