import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { readDataVersion, type Warehouse } from '../../src/db';
import { loadDemoData } from '../../src/ingest/demo';
import { generate } from '../../src/ingest/generate';
import { createTestApi, realCatalog } from '../support/api';
import { openFixture } from '../support/fixtures';

// demo_small was built by loadDemoData (generate -> ingest), the path `npm start` takes on an empty warehouse.
let w: Warehouse;
beforeAll(async () => {
  w = await openFixture('demo_small');
});
afterAll(() => w.close());

const count = async (table: 'plans' | 'users' | 'events' | 'churn' | 'rejects') =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(w.db)).rows[0]?.n);

test('the demo data is exactly what the generator writes, loaded with no reject', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-demo-test-'));
  try {
    const written = await generate({ users: 600, days: 60, endDate: '2026-10-31', seed: 42, out: dir });
    // CSV files hold good rows only (no --bad-rows), so every row written is a row loaded.
    expect({ plans: await count('plans'), users: await count('users'), events: await count('events'), churn: await count('churn') }).toEqual({
      plans: written.files.plans.rows, users: written.files.users.rows, events: written.files.events.rows, churn: written.files.churn.rows,
    });
    expect(written.files.events.rows).toBeGreaterThan(10_000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(await count('rejects')).toBe(0);
  expect(Number(await readDataVersion(w.db))).toBeGreaterThan(1);
});

test('the loaded tables have statistics (ingest ANALYZEs what it grew)', async () => {
  const { rows } = await sql<{ relname: string; reltuples: number }>`
    SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relname IN ('users', 'events') ORDER BY relname`.execute(w.db);
  for (const r of rows) expect(Number(r.reltuples)).toBeGreaterThan(0);
  expect(rows).toHaveLength(2);
});

test('answers a first query over the demo data', async () => {
  const api = await createTestApi(await openFixture('demo_small'));
  try {
    const data = await api.data<{ metrics: { rows: { period: string; dau: number }[] } }>(
      '{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY) { rows { period dau } } }',
    );
    expect(data.metrics.rows).toHaveLength(31);
    expect(data.metrics.rows.every((r) => r.dau > 10)).toBe(true);
  } finally {
    await api.pulse.close();
  }
});

test('refuses a warehouse that has data, leaving it untouched', async () => {
  const before = await count('events');
  await expect(loadDemoData(w, null, await realCatalog(), { users: 5, days: 3 })).rejects.toThrow(/empty warehouse, but users and events already have rows/);
  expect(await count('events')).toBe(before);
});
