import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Catalog } from '../catalog/types';
import type { Warehouse } from '../db';
import { generate } from './generate';
import { filesInDir, ingest, type IngestResult } from './index';

export interface DemoOptions {
  /** Users to create (default 5,000). */
  readonly users: number;
  /** Days of data (default 180), ending with endDate. */
  readonly days: number;
  /** Last day of data, YYYY-MM-DD in UTC (default 2026-10-31). */
  readonly endDate: string;
  /** Same seed and options give identical rows (default 42). */
  readonly seed: number;
}

export const DEFAULT_DEMO_OPTIONS: Readonly<DemoOptions> = { users: 5000, days: 180, endDate: '2026-10-31', seed: 42 };

/**
 * Fill an empty warehouse with the demo data set the way a user would: `pulse
 * generate` writes the four files to a temporary folder and `pulse ingest`
 * loads them, so every fresh start runs the loading path. Refuses a warehouse
 * whose users or events hold rows.
 */
export async function loadDemoData(warehouse: Warehouse, databaseUrl: string | null, catalog: Catalog, options: Partial<DemoOptions> = {}): Promise<IngestResult> {
  const { users, days, endDate, seed } = { ...DEFAULT_DEMO_OPTIONS, ...options };
  const { rows } = await sql<{ users: boolean; events: boolean }>`
    SELECT EXISTS (SELECT 1 FROM users) AS users, EXISTS (SELECT 1 FROM events) AS events`.execute(warehouse.db);
  const full = Object.entries(rows[0] ?? {}).filter(([, hasRows]) => hasRows).map(([table]) => table);
  if (full.length) throw new Error(`Demo data needs an empty warehouse, but ${full.join(' and ')} already ${full.length > 1 ? 'have' : 'has'} rows`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-demo-'));
  try {
    await generate({ users, days, endDate, seed, out: dir });
    // On a machine whose clock is behind the demo's last day, its rows are not "in the future".
    const now = Math.max(Date.now(), Date.parse(`${endDate}T00:00:00Z`) + 86_400_000);
    return await ingest(warehouse, databaseUrl, filesInDir(dir), { catalog, now });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
