import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openWarehouse, type Warehouse } from '../../src/db';
import { loadSmall } from '../fixtures/small';
import { rebuildMarts } from './marts';
import { shippedMetricsDir } from './shipped';

/**
 * A private, writable warehouse holding the small fixture's data, for tests
 * that change data: on PGlite a copy of the fixture's directory, on PostgreSQL
 * a new database next to DATABASE_URL's, loaded afresh. `env` points the CLI
 * at it (close any open Warehouse first: a PGlite directory has one owner).
 */
export interface Scratch {
  readonly env: Record<string, string>;
  /** The PostgreSQL URL (ingest COPYs over its own connection), null on PGlite. */
  readonly databaseUrl: string | null;
  open(): Promise<Warehouse>;
  drop(): Promise<void>;
}

export async function createSmallScratch(): Promise<Scratch> {
  const fixture = 'small';
  const url = process.env.DATABASE_URL;
  if (!url) {
    const root = process.env.PULSE_TEST_FIXTURES;
    if (!root) throw new Error('PULSE_TEST_FIXTURES is not set: run the tests through jest (global setup)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulse-scratch-${fixture}-`));
    fs.cpSync(path.join(root, fixture), dir, { recursive: true });
    return {
      env: { PULSE_DATA_DIR: dir, PULSE_DEMO_DATA: 'off', PULSE_METRICS_DIR: shippedMetricsDir() },
      databaseUrl: null,
      open: () => openWarehouse({ databaseUrl: null, dataDir: dir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const scratch = await newDatabase(url);
  const warehouse = await scratch.open();
  try {
    await migrateToLatest(warehouse.db);
    await loadSmall(warehouse.db);
    await rebuildMarts(warehouse);
  } finally {
    await warehouse.close();
  }
  return scratch;
}

/** A new, empty PostgreSQL database next to `url`'s, dropped by `drop`. */
async function newDatabase(url: string): Promise<Scratch> {
  const parsed = new URL(url);
  const name = `${parsed.pathname.slice(1) || 'postgres'}_scratch_${randomBytes(4).toString('hex')}`;
  await admin(url, `CREATE DATABASE "${name}"`);
  parsed.pathname = `/${name}`;
  const target = parsed.toString();
  return {
    env: { DATABASE_URL: target, PULSE_DEMO_DATA: 'off', PULSE_METRICS_DIR: shippedMetricsDir() },
    databaseUrl: target,
    open: () => openWarehouse({ databaseUrl: target, dataDir: '' }),
    drop: () => admin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A private, migrated, empty warehouse: a new PGlite directory, or a new PostgreSQL database next to DATABASE_URL's. */
export async function createEmptyScratch(): Promise<Scratch> {
  const url = process.env.DATABASE_URL;
  let scratch: Scratch;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-scratch-empty-'));
    scratch = {
      env: { PULSE_DATA_DIR: dir, PULSE_DEMO_DATA: 'off', PULSE_METRICS_DIR: shippedMetricsDir() },
      databaseUrl: null,
      open: () => openWarehouse({ databaseUrl: null, dataDir: dir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } else scratch = await newDatabase(url);
  const warehouse = await scratch.open();
  try {
    await migrateToLatest(warehouse.db);
  } finally {
    await warehouse.close();
  }
  return scratch;
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
