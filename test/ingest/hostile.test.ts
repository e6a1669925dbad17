import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Warehouse } from '../../src/db';
import { filesInDir, ingest, type FileSummary, type IngestOptions } from '../../src/ingest';
import { createEmptyScratch, type Scratch } from '../support/scratch';
import { realCatalog } from '../support/api';
import { checksums } from './expected';

// Values that JavaScript accepts and PostgreSQL refuses, or that read differently in each: none may fail a
// batch, and how a row is judged must not depend on where batches happen to end. Runs on PGlite and PostgreSQL.
const NOW = Date.parse('2026-06-01T00:00:00Z');
const nest = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const csvJson = (json: string) => `"${json.replace(/"/g, '""')}"`;

const FILES: Record<string, string> = {
  'plans.csv': ['plan_id,name,tier,monthly_price', 'p1,One,free,49', 'p1,One,free,49.00', 'p2,Two,free,9999999999.995', 'p3,Three,free,0.125', ''].join('\n'),
  'users.csv': ['user_id,signup_at,plan_id', 'u1,2026-01-01T00:00:00Z,p1', 'u2,2026-01-01T00:00:00+99:99,p1', ''].join('\n'),
  'events.csv': [
    'event_id,user_id,occurred_at,event_type,properties',
    `e1,u1,2026-01-05T10:00:00Z,lo\u0000gin,`,
    `e2,u1,2026-01-05T10:00:00Z,login,${csvJson('{"n":1e200000}')}`,
    `e3,u1,2026-01-05T10:00:00Z,login,${csvJson('{"n":1e-16384}')}`,
    `e4,u1,2026-01-05T10:00:00Z,login,${csvJson(nest(100))}`,
    // An escaped backslash before u0000 is text, not a NUL: fine for jsonb.
    `e5,u1,2026-01-05T10:00:00Z,login,${csvJson('{"path":"C:\\\\u0000","code":"E12345"}')}`,
    `e6,u1,2026-01-05T10:00:00.5Z,login,${csvJson('{"a":1}')}`,
    // The same instant and the same JSON value, written otherwise: an exact copy as the warehouse sees it.
    `e6,u1,2026-01-05T11:00:00.500+01:00,login,${csvJson('{ "a" : 1 }')}`,
    `e6,u1,2026-01-05T10:00:00.5Z,logout,`,
    '',
  ].join('\n'),
  'churn.csv': ['user_id,churned_at,reason', 'u1,2026-02-01T00:00:00.1234567Z,x', 'u1,2026-02-01T00:00:00.123457Z,x', 'u1,2026-02-01T00:00:00.123457Z,y', ''].join('\n'),
};

const EXPECTED = {
  plans: { read: 4, loaded: 2, duplicates: 1, rejected: { NUMBER_OUT_OF_RANGE: 1 } },
  users: { read: 2, loaded: 1, duplicates: 0, rejected: { BAD_TIMESTAMP: 1 } },
  events: { read: 8, loaded: 2, duplicates: 1, rejected: { BAD_TEXT: 1, PROPERTIES_NOT_OBJECT: 3, KEY_CONFLICT: 1 } },
  churn: { read: 3, loaded: 1, duplicates: 1, rejected: { KEY_CONFLICT: 1 } },
};

const byKind = (files: FileSummary[]) => Object.fromEntries(files.map((f) => [f.kind, { read: f.read, loaded: f.loaded, duplicates: f.duplicates, rejected: f.rejected }]));

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-hostile-'));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(options: Partial<IngestOptions>): Promise<{ files: FileSummary[]; sums: Record<string, string>; w: Warehouse; scratch: Scratch }> {
  const scratch = await createEmptyScratch();
  const w = await scratch.open();
  const { files } = await ingest(w, scratch.databaseUrl, filesInDir(dir), { catalog: await realCatalog(), now: NOW, ...options });
  return { files, sums: await checksums(w.db), w, scratch };
}

test('each hostile row is judged by its rule, the same whatever the batch size', async () => {
  const whole = await load({});
  const single = await load({ batchSize: 1 });
  try {
    expect(byKind(whole.files)).toEqual(EXPECTED);
    expect(byKind(single.files)).toEqual(EXPECTED);
    expect(single.sums).toEqual(whole.sums);
    const db = whole.w.db;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT (SELECT string_agg(plan_id || '=' || monthly_price, ',' ORDER BY plan_id) FROM plans) AS prices,
        (SELECT to_char(churned_at AT TIME ZONE 'UTC', 'SS.US') FROM churn) AS churned,
        (SELECT properties->>'path' FROM events WHERE event_id = 'e5') AS path,
        (SELECT raw FROM rejects WHERE code = 'BAD_TEXT') AS raw`.execute(db);
    expect(rows[0]).toEqual({
      // Rounded half away from zero on the decimal digits, as numeric(12,2) stores them.
      prices: 'p1=49.00,p3=0.13',
      churned: '00.123457',
      path: 'C:\\u0000',
      // A NUL cannot be stored as text: the reject keeps the line with it written out.
      raw: 'e1,u1,2026-01-05T10:00:00Z,lo\\u0000gin,',
    });
  } finally {
    for (const run of [whole, single]) {
      await run.w.close();
      await run.scratch.drop();
    }
  }
});

test('NDJSON: unpaired surrogates and numbers beyond a double are rejected, not changed', async () => {
  const scratch = await createEmptyScratch();
  const w = await scratch.open();
  const ndjson = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-hostile-ndjson-'));
  try {
    fs.writeFileSync(path.join(ndjson, 'users.ndjson'), [
      '{"user_id":"u1","signup_at":"2026-01-01T00:00:00Z"}',
      '{"user_id":"u\\ud800","signup_at":"2026-01-01T00:00:00Z"}',
      '{"user_id":"u2","signup_at":"2026-01-01T00:00:00Z","country":"x\\u0000y"}',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(ndjson, 'events.ndjson'), [
      '{"event_id":"e1","user_id":"u1","occurred_at":"2026-01-05T10:00:00Z","event_type":"a","properties":{"n":1e400}}',
      '{"event_id":"e2","user_id":"u1","occurred_at":"2026-01-05T10:00:00Z","event_type":"a","properties":{"s":"\\udc00"}}',
      '{"event_id":"e3","user_id":"u1","occurred_at":"2026-01-05T10:00:00Z","event_type":"a","properties":{"ok":"\\ud83d\\ude00"}}',
      '',
    ].join('\n'));
    const { files } = await ingest(w, scratch.databaseUrl, filesInDir(ndjson), { catalog: await realCatalog(), now: NOW });
    expect(byKind(files)).toEqual({
      users: { read: 3, loaded: 1, duplicates: 0, rejected: { BAD_TEXT: 2 } },
      events: { read: 3, loaded: 1, duplicates: 0, rejected: { PROPERTIES_NOT_OBJECT: 2 } },
    });
    const { rows } = await sql<{ ok: string }>`SELECT properties->>'ok' AS ok FROM events`.execute(w.db);
    expect(rows).toEqual([{ ok: '😀' }]);
  } finally {
    await w.close();
    await scratch.drop();
    fs.rmSync(ndjson, { recursive: true, force: true });
  }
});
