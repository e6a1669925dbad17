import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Catalog } from '../../src/catalog/types';
import type { Warehouse, WarehouseTables } from '../../src/db';
import { filesInDir, ingest } from '../../src/ingest';
import { kyselyRunner, refreshMarts } from '../../src/refresh';
import { generate } from '../../src/ingest/generate';
import { createTestApi, realCatalog } from '../support/api';
import { rebuildMarts } from '../support/marts';
import { createEmptyScratch, type Scratch } from '../support/scratch';

// Incremental refresh must leave every mart exactly as a full rebuild would.
const NOW = Date.parse('2026-12-01T00:00:00Z');
let dir: string;
let catalog: Catalog;
let scratch: Scratch;
let w: Warehouse;

/** Every mart table as (rows, md5 of its rows in a fixed order). */
async function checksums(db: Kysely<WarehouseTables>, marts: Catalog['marts']): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const mart of marts.values()) {
    const { rows } = await sql<{ n: number; sum: string }>`
      SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${sql.table(mart.table)} AS t`.execute(db);
    out[mart.name] = `${rows[0]?.n} ${rows[0]?.sum}`;
  }
  return out;
}

beforeAll(async () => {
  catalog = await realCatalog();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-refresh-'));
  await generate({ users: 150, days: 45, endDate: '2026-10-31', seed: 11, out: path.join(dir, 'all') });
  // Split events: every 40th row (late, all over history) and the newest day are held back for a second load.
  const main = path.join(dir, 'main');
  fs.mkdirSync(main);
  for (const kind of ['plans', 'users']) fs.copyFileSync(path.join(dir, 'all', `${kind}.csv`), path.join(main, `${kind}.csv`));
  // Every other churn record is held back too, for a load that only the churn marts take.
  const [churnHeader, ...churns] = fs.readFileSync(path.join(dir, 'all', 'churn.csv'), 'utf8').trimEnd().split('\n');
  fs.writeFileSync(path.join(main, 'churn.csv'), `${[churnHeader, ...churns.filter((_, i) => i % 2 === 0)].join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'late-churn.csv'), `${[churnHeader, ...churns.filter((_, i) => i % 2 === 1)].join('\n')}\n`);
  const [header, ...lines] = fs.readFileSync(path.join(dir, 'all', 'events.csv'), 'utf8').trimEnd().split('\n');
  const late = lines.filter((line, i) => i % 40 === 0 || line.split(',')[2]?.startsWith('2026-10-31'));
  const early = lines.filter((line) => !late.includes(line));
  fs.writeFileSync(path.join(main, 'events.csv'), `${[header, ...early].join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'late.csv'), `${[header, ...late].join('\n')}\n`);
  scratch = await createEmptyScratch();
  w = await scratch.open();
  await ingest(w, scratch.databaseUrl, filesInDir(main), { catalog, now: NOW });
});

afterAll(async () => {
  await w.close();
  await scratch.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a load of late and new events refreshes the marts incrementally, to exactly what a full rebuild gives', async () => {
  const result = await ingest(w, scratch.databaseUrl, [{ kind: 'events', file: path.join(dir, 'late.csv') }], { catalog, now: NOW });
  const [refresh] = result.refreshes;
  expect(result.files[0]?.loaded).toBeGreaterThan(100);
  // Every mart kept from events took the changes only: none was rebuilt. Churn marts count users and churn records: unchanged.
  expect(refresh?.marts.map((m) => [m.name, m.mode])).toEqual([...catalog.marts.values()].map((m) => [m.name, m.kind === 'churn' ? 'unchanged' : 'changes']));
  const incremental = await checksums(w.db, catalog.marts);
  const rows = Object.fromEntries(refresh?.marts.map((m) => [m.name, m.rows]) ?? []);
  const full = await rebuildMarts(w, catalog);
  expect(full.marts.every((m) => m.mode === 'full')).toBe(true);
  expect(await checksums(w.db, catalog.marts)).toEqual(incremental);
  // Row counts kept by the incremental refresh are the real ones.
  expect(Object.fromEntries(full.marts.map((m) => [m.name, m.rows]))).toEqual(rows);
  for (const value of Object.values(incremental)) expect(value).not.toMatch(/^0 /);
});

test('a load of users and churn records recomputes the churn marts only, to exactly what a full rebuild gives', async () => {
  const users = path.join(dir, 'late-users.csv');
  // One user signs up and churns in the newest week; one signs up without churning.
  fs.writeFileSync(users, 'user_id,signup_at,country,region,city,acquisition_source,plan_id\nz001,2026-10-27T09:00:00Z,FR,,,ads,pro\nz002,2026-10-29T09:00:00Z,,,,,\n');
  fs.appendFileSync(path.join(dir, 'late-churn.csv'), 'z001,2026-10-30T10:00:00Z,too_expensive\n');
  const before = await checksums(w.db, catalog.marts);
  const result = await ingest(w, scratch.databaseUrl, [{ kind: 'users', file: users }, { kind: 'churn', file: path.join(dir, 'late-churn.csv') }], { catalog, now: NOW });
  expect(result.files.map((f) => f.loaded)).toEqual([2, expect.any(Number)]);
  expect(result.files[1]?.loaded).toBeGreaterThan(3);
  for (const refresh of result.refreshes) {
    expect(refresh.marts.map((m) => [m.name, m.mode])).toEqual([...catalog.marts.values()].map((m) => [m.name, m.kind === 'churn' ? 'changes' : 'unchanged']));
  }
  const incremental = await checksums(w.db, catalog.marts);
  const churnMarts = [...catalog.marts.values()].filter((m) => m.kind === 'churn').map((m) => m.name);
  for (const [name, value] of Object.entries(incremental)) {
    if (churnMarts.includes(name)) expect(value).not.toBe(before[name]);
    else expect(value).toBe(before[name]);
  }
  await rebuildMarts(w, catalog);
  expect(await checksums(w.db, catalog.marts)).toEqual(incremental);
});

test('after the late load, answers from marts equal answers from raw tables', async () => {
  const api = await createTestApi(w, catalog);
  const data = await api.data(`{
    metrics(timeRange: {from: "2026-09-21", to: "2026-10-31"}, grain: WEEK, timezone: "Europe/Berlin") {
      rows { period activeUsers events dau wau mau sessions avgSessionDuration inactiveUsers } meta { source }
    }
    byPlan: metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY) { rows { period plan activeUsers dau } meta { source } }
    churn: metrics(timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: MONTH) { rows { period plan churnRate } meta { source } }
    lifecycle(timeRange: {from: "2026-09-28", to: "2026-10-25"}) { periods { new retained resurrected dormant churned } meta { source } }
    retention(timeRange: {from: "2026-09-21", to: "2026-10-25"}, periods: 5, asOf: "2026-11-01T00:00:00Z") { cohorts { size periods { retained } } meta { source } }
    users(asOf: "2026-11-01T00:00:00Z", first: 5) { totalCount edges { node { userId totalEvents lastActiveAt status } } meta { source } }
  }`);
  // createTestApi compared every answer with the raw-only one; they were read from marts.
  expect(data.metrics.meta.source).not.toMatch(/raw/);
  expect(data.byPlan.meta.source).toBe('daily_by_user_group');
  expect(data.churn.meta.source).toBe('monthly_churn');
  expect(data.churn.rows.some((r: { churnRate: number | null }) => (r.churnRate ?? 0) > 0)).toBe(true);
  expect(data.lifecycle.meta.source).toBe('weekly_lifecycle');
  expect(data.retention.meta.source).toBe('weekly_retention');
  expect(data.users.meta.source).toBe('user_totals');
  expect(data.metrics.rows.some((r: { activeUsers: number }) => r.activeUsers > 0)).toBe(true);
  // The warehouse is this file's to close.
  await api.pulse.stop();
});

(process.env.DATABASE_URL ? test : test.skip)('while a file loads, other connections see neither its rows nor new marts nor a new data version', async () => {
  const url = scratch.databaseUrl ?? '';
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  try {
    const seen = async () => (await reader.query(`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT value FROM pulse_meta WHERE key = 'data_version') AS version,
      (SELECT string_agg(data_version, ',') FROM pulse_marts) AS marts, (SELECT count(*) FROM mart_user_day)::int AS days`)).rows[0];
    const before = await seen();
    const during: unknown[] = [];
    const extra = path.join(dir, 'extra.csv');
    fs.writeFileSync(extra, ['event_id,user_id,occurred_at,event_type', ...Array.from({ length: 30 }, (_, i) => `x${i},u00001,2026-10-31T0${i % 10}:00:00Z,login`), ''].join('\n'));
    let batches = 0;
    const result = await ingest(w, url, [{ kind: 'events', file: extra }], {
      catalog, now: NOW, batchSize: 10,
      afterCommit: () => {
        batches += 1;
      },
      onBatch: () => void during.push(seen()),
    });
    const views = await Promise.all(during);
    expect(batches).toBe(3);
    expect(views).toEqual([before, before, before]);
    const after = await seen();
    expect(after.events).toBe(before.events + 30);
    expect(after.version).toBe(result.dataVersion);
    expect(after.marts).toBe(catalog.marts.size > 0 ? Array(catalog.marts.size).fill(result.dataVersion).join(',') : null);
  } finally {
    await reader.end();
  }
});

(process.env.DATABASE_URL ? test : test.skip)('a refresh is not cut short by the session statement timeout that requests run under', async () => {
  const report = await w.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL statement_timeout = 1`.execute(trx);
    return refreshMarts(kyselyRunner(trx), catalog, { full: true });
  });
  expect(report.marts.map((m) => m.mode)).toEqual([...catalog.marts.keys()].map(() => 'full'));
  expect(report.marts.find((m) => m.name === 'user_day')?.rows).toBeGreaterThan(100);
});
