import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { filesInDir, ingest } from '../../src/ingest';
import { COLUMNS, generate } from '../../src/ingest/generate';
import { realCatalog } from '../support/api';
import { createEmptyScratch } from '../support/scratch';
import { readCsv } from './read-back';

// SPEC §11: users may carry a tenant_id; `pulse generate --tenants N` spreads the users over t1 .. tN.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-tenants-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const options = { users: 30, days: 20, seed: 7, endDate: '2026-10-31', badRows: 0.05 };
const NOW = Date.parse('2026-11-02T00:00:00Z');

test('--tenants adds tenant_id to users (t1 .. tN in turn) and changes nothing else', async () => {
  await generate({ ...options, out: path.join(root, 'plain') });
  await generate({ ...options, out: path.join(root, 'tenants'), tenants: 3 });
  const plain = readCsv(path.join(root, 'plain'), 'users');
  const tenants = readCsv(path.join(root, 'tenants'), 'users');
  expect(tenants.header).toEqual([...COLUMNS.users, 'tenant_id']);
  expect(tenants.records.map(({ tenant_id: _, ...rest }) => rest)).toEqual(plain.records);
  const good = tenants.records.filter((r) => /^u\d+$/.test(r.user_id ?? ''));
  expect(good.slice(0, 4).map((r) => r.tenant_id)).toEqual(['t1', 't2', 't3', 't1']);
  expect(new Set(tenants.records.map((r) => r.tenant_id))).toEqual(new Set(['t1', 't2', 't3']));
  for (const kind of ['plans', 'events', 'churn'] as const) {
    expect(fs.readFileSync(path.join(root, 'tenants', `${kind}.csv`), 'utf8')).toBe(fs.readFileSync(path.join(root, 'plain', `${kind}.csv`), 'utf8'));
  }
  await expect(generate({ ...options, out: path.join(root, 'zero'), tenants: 0 })).rejects.toThrow('--tenants must be an integer >= 1, got 0');
});

test('ingest loads tenant_id when the users file has it, and null when it does not', async () => {
  const scratch = await createEmptyScratch();
  const w = await scratch.open();
  try {
    const catalog = await realCatalog();
    const dir = path.join(root, 'load');
    await generate({ users: 12, days: 10, seed: 3, endDate: '2026-10-31', out: dir, tenants: 2 });
    const result = await ingest(w, scratch.databaseUrl, filesInDir(dir), { catalog, now: NOW });
    expect(result.files.find((f) => f.kind === 'users')?.loaded).toBe(12);
    const extra = path.join(root, 'extra-users.csv');
    fs.writeFileSync(extra, 'user_id,signup_at\nz1,2026-10-20T10:00:00Z\n');
    await ingest(w, scratch.databaseUrl, [{ kind: 'users', file: extra }], { catalog, now: NOW });
    const { rows } = await sql<{ tenant_id: string | null; n: number }>`SELECT tenant_id, count(*)::int AS n FROM users GROUP BY 1 ORDER BY 1 NULLS LAST`.execute(w.db);
    expect(rows).toEqual([{ tenant_id: 't1', n: 6 }, { tenant_id: 't2', n: 6 }, { tenant_id: null, n: 1 }]);
  } finally {
    await w.close();
    await scratch.drop();
  }
});
