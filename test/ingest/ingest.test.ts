import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openWarehouse, readDataVersion, type Warehouse, type WarehouseTables } from '../../src/db';
import { readDataQuality } from '../../src/execution';
import { filesInDir, ingest, type FileSummary, type IngestOptions, type RejectCode } from '../../src/ingest';
import { generate, type BadKind } from '../../src/ingest/generate';
import { realCatalog } from '../support/api';
import { checksums, EXPECTED, EXPECTED_REJECTS } from './expected';

const DIR = path.join(__dirname, 'fixtures', 'good');
const NOW = Date.parse('2026-06-01T00:00:00Z');
const INPUTS = filesInDir(DIR);
const src = (name: string): string => path.resolve(DIR, name);

type Db = Kysely<WarehouseTables>;

/** The rule each kind of generated bad row must break (an exact copy, duplicate_key, is a duplicate, not a reject). */
const REJECT_CODE_OF: Record<Exclude<BadKind, 'duplicate_key'>, RejectCode> = {
  missing_required: 'MISSING_REQUIRED', bad_timestamp: 'BAD_TIMESTAMP', bad_number: 'BAD_NUMBER', negative_price: 'NEGATIVE_PRICE',
  bad_id: 'BAD_ID', timestamp_out_of_range: 'TIMESTAMP_OUT_OF_RANGE', field_too_long: 'FIELD_TOO_LONG', unknown_plan: 'UNKNOWN_PLAN',
  unknown_user: 'UNKNOWN_USER', event_before_signup: 'EVENT_BEFORE_SIGNUP', churn_before_signup: 'CHURN_BEFORE_SIGNUP',
  properties_not_object: 'PROPERTIES_NOT_OBJECT', value_outside_set: 'VALUE_NOT_ACCEPTED', future_timestamp: 'TIMESTAMP_IN_FUTURE',
};

const total = (s: FileSummary): number => Object.values(s.rejected).reduce((a, b) => a + (b ?? 0), 0);
const byKind = (files: FileSummary[]) => Object.fromEntries(files.map((f) => [f.kind, { read: f.read, loaded: f.loaded, duplicates: f.duplicates, rejected: f.rejected }]));

async function rejectRows(db: Db): Promise<[string, number, string][]> {
  const { rows } = await sql<{ source: string; line: number; code: string }>`SELECT source, line, code FROM rejects`.execute(db);
  const order = ['plans', 'users', 'events', 'churn'];
  return rows
    .map((r): [string, number, string] => [path.relative(DIR, r.source), Number(r.line), r.code])
    .sort((a, b) => order.indexOf(a[0].split('.')[0] ?? '') - order.indexOf(b[0].split('.')[0] ?? '') || a[1] - b[1]);
}

function describeIngest(engine: string, open: () => Promise<Warehouse>, url: (w: Warehouse) => string | null): void {
  describe(`ingest on ${engine}`, () => {
    const run = async (w: Warehouse, options: Partial<IngestOptions> = {}, inputs = INPUTS) => ingest(w, url(w), inputs, { catalog: await realCatalog(), now: NOW, ...options });

    test('loads the good rows of every kind and accounts for every bad one', async () => {
      const w = await open();
      try {
        const before = Number(await readDataVersion(w.db));
        const result = await run(w);
        expect(byKind(result.files)).toEqual(EXPECTED);
        for (const f of result.files) expect(f.read).toBe(f.loaded + f.duplicates + total(f));
        expect(await rejectRows(w.db)).toEqual(EXPECTED_REJECTS);
        // The dashboard's summary (dataQuality.rejects): the same rejects, counted per file and reason.
        const counted = new Map<string, number>();
        for (const [file, , code] of EXPECTED_REJECTS) counted.set(`${file} ${code}`, (counted.get(`${file} ${code}`) ?? 0) + 1);
        const { rejects } = await readDataQuality(w, await realCatalog());
        expect(rejects.map((r) => `${path.relative(DIR, r.source)} ${r.code} ${r.rows}`).sort()).toEqual([...counted].map(([k, n]) => `${k} ${n}`).sort());
        for (const r of rejects) expect([r.kind, r.example.length > 0]).toEqual([path.relative(DIR, r.source).split('.')[0], true]);
        expect(rejects.map((r) => r.rows)).toEqual([...rejects.map((r) => r.rows)].sort((a, b) => b - a));
        // Each file that loads rows is one transaction, with its marts and one data version bump.
        expect(Number(result.dataVersion)).toBe(before + 4);
        expect(Number(await readDataVersion(w.db))).toBe(before + 4);
        // Marts are built with the first file; events rebuild those kept from events (their changes are most of each mart);
        // users and churn records change only the churn marts, which are recomputed in place.
        const churnMarts = new Set([...(await realCatalog()).marts.values()].filter((m) => m.kind === 'churn').map((m) => m.name));
        const modes = (r: (typeof result.refreshes)[number], churn: boolean) => [...new Set(r.marts.filter((m) => churnMarts.has(m.name) === churn).map((m) => m.mode))];
        expect(result.refreshes.map((r) => [modes(r, false), modes(r, true)])).toEqual([
          [['full'], ['full']],
          [['unchanged'], ['changes']],
          [['full'], ['unchanged']],
          [['unchanged'], ['changes']],
        ]);

        const { rows } = await sql<Record<string, unknown>>`
          SELECT (SELECT signup_at FROM users WHERE user_id = 'u2') AS u2, (SELECT signup_at FROM users WHERE user_id = 'u3') AS u3,
            (SELECT feature FROM events WHERE event_id = 'e12') AS multi, (SELECT raw FROM rejects WHERE source = ${src('events.csv')} AND line = 5) AS raw,
            (SELECT to_char(signup_at AT TIME ZONE 'UTC', 'US') FROM users WHERE user_id = 'u10') AS micros`.execute(w.db);
        // No offset means UTC; an offset is honoured; a quoted newline stays in the value; the raw line is kept verbatim.
        expect(rows[0]).toEqual({
          u2: new Date('2026-01-02T10:00:00Z'), u3: new Date('2026-01-02T22:00:00Z'), multi: 'multi\nline',
          raw: 'e4,u404,2026-01-06T00:00:00Z,login,,,web,,', micros: '123456',
        });

        // A second load of the same files changes nothing: every good row is a duplicate, no reject is added.
        const sums = await checksums(w.db);
        const again = await run(w);
        expect(byKind(again.files)).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([k, e]) => [k, { ...e, loaded: 0, duplicates: e.loaded + e.duplicates }])));
        expect(again.dataVersion).toBeNull();
        expect(await checksums(w.db)).toEqual(sums);
        expect(Number(await readDataVersion(w.db))).toBe(before + 4);
      } finally {
        await w.close();
      }
    });

    test('a load killed midway leaves whole files, and a re-run ends identical to a clean load', async () => {
      const clean = await open();
      const killed = await open();
      try {
        await run(clean, { batchSize: 3 });
        let commits = 0;
        const kill = () => {
          commits += 1;
          if (commits === 5) throw new Error('killed');
        };
        await expect(run(killed, { batchSize: 3, afterCommit: kill })).rejects.toThrow('killed');
        // 5 batches of 3 rows: plans 3+3+3 (committed with the file), then users 3+3: the users file rolls back whole.
        const { rows } = await sql<{ plans: number; users: number }>`SELECT (SELECT count(*) FROM plans)::int AS plans, (SELECT count(*) FROM users)::int AS users`.execute(killed.db);
        expect(rows[0]).toEqual({ plans: EXPECTED.plans.loaded, users: 0 });
        const rerun = await run(killed, { batchSize: 3 });
        expect(rerun.files.find((f) => f.kind === 'plans')).toMatchObject({ loaded: 0, duplicates: EXPECTED.plans.loaded + EXPECTED.plans.duplicates });
        expect(rerun.files.find((f) => f.kind === 'users')).toMatchObject({ loaded: EXPECTED.users.loaded, duplicates: EXPECTED.users.duplicates });
        expect(await checksums(killed.db)).toEqual(await checksums(clean.db));
      } finally {
        await Promise.all([clean.close(), killed.close()]);
      }
    });

    test('events loaded before their users are rejected as UNKNOWN_USER, and load on a re-run once the users are in', async () => {
      const w = await open();
      try {
        const events = INPUTS.filter((i) => i.kind === 'events');
        const first = await run(w, {}, events);
        expect(first.files[0]).toMatchObject({ read: 14, loaded: 0, duplicates: 0 });
        expect(first.files[0]?.rejected.UNKNOWN_USER).toBe(7); // e1-e5, e12 and the second e1: no user is loaded yet (the user rule comes first)
        await run(w, {}, INPUTS.filter((i) => i.kind !== 'events' && i.kind !== 'churn'));
        const second = await run(w, {}, events);
        expect(byKind(second.files).events).toEqual(EXPECTED.events);
        expect((await rejectRows(w.db)).filter(([f]) => f === 'events.csv')).toEqual(EXPECTED_REJECTS.filter(([f]) => f === 'events.csv'));
      } finally {
        await w.close();
      }
    });

    test('generated files with every kind of bad row: the good rows load, each bad row is counted under its rule', async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-ingest-generated-'));
      const w = await open();
      try {
        const written = await generate({ users: 120, days: 30, seed: 7, out, endDate: '2026-01-31', badRows: 0.03 });
        // Small batches, so some exact copies land in the batch after their original (the savepoint path).
        const result = await run(w, { batchSize: 400 }, filesInDir(out));
        for (const f of result.files) {
          const { rows, bad } = written.files[f.kind];
          const badTotal = Object.values(bad).reduce((a, b) => a + (b ?? 0), 0);
          const expected = Object.fromEntries(Object.entries(bad).filter(([k]) => k !== 'duplicate_key').map(([k, n]) => [REJECT_CODE_OF[k as Exclude<BadKind, 'duplicate_key'>], n]));
          expect([f.kind, f.read, f.loaded, f.duplicates, f.rejected]).toEqual([f.kind, rows, rows - badTotal, bad.duplicate_key ?? 0, expected]);
        }
        expect(result.files.find((f) => f.kind === 'events')?.loaded).toBeGreaterThan(1000);
      } finally {
        await w.close();
        fs.rmSync(out, { recursive: true, force: true });
      }
    });

    test('a bad line later blanked out loses its reject on a re-run, whatever the batch size', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-ingest-blanked-'));
      const file = path.join(dir, 'plans.csv');
      const w = await open();
      try {
        fs.writeFileSync(file, 'plan_id,name,tier,monthly_price\nfree,Free,free,0\nbad,Bad,free,-1\npro,Pro,self_serve,49\n');
        await run(w, { batchSize: 1 }, [{ kind: 'plans', file }]);
        fs.writeFileSync(file, 'plan_id,name,tier,monthly_price\nfree,Free,free,0\n\npro,Pro,self_serve,49\n');
        await run(w, { batchSize: 1 }, [{ kind: 'plans', file }]);
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rejects WHERE source = ${file}`.execute(w.db);
        expect(rows[0]?.n).toBe(0);
      } finally {
        await w.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('before-signup is judged to the microsecond, whatever the offset the time is written in', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-ingest-micros-'));
      const w = await open();
      try {
        fs.writeFileSync(path.join(dir, 'users.csv'), 'user_id,signup_at\nu1,2026-01-02T10:00:00.123456Z\n');
        fs.writeFileSync(path.join(dir, 'events.csv'), [
          'event_id,user_id,occurred_at,event_type',
          'e1,u1,2026-01-02T10:00:00.123455Z,a', // 1 µs before
          'e2,u1,2026-01-02T10:00:00.123456Z,a', // at signup
          'e3,u1,2026-01-02T10:00:00Z,a', // same second, before
          'e4,u1,2026-01-02T11:00:00.1235+01:00,a', // after, written with an offset
          'e5,u1,2026-01-02T09:59:59.9Z,a', // the second before
          'e6,u1,2026-01-02T10:00:00.2Z,a', // after, fewer digits
          '',
        ].join('\n'));
        const result = await run(w, {}, filesInDir(dir));
        expect(result.files.find((f) => f.kind === 'events')).toMatchObject({ loaded: 3, rejected: { EVENT_BEFORE_SIGNUP: 3 } });
        const { rows } = await sql<{ event_id: string }>`SELECT event_id FROM events ORDER BY event_id`.execute(w.db);
        expect(rows.map((r) => r.event_id)).toEqual(['e2', 'e4', 'e6']);
      } finally {
        await w.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a re-run of a file that shrank forgets the verdicts of lines it no longer has', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-ingest-shrunk-'));
      const file = path.join(dir, 'plans.csv');
      const w = await open();
      try {
        fs.writeFileSync(file, 'plan_id,name,tier,monthly_price\nfree,Free,free,0\nbad,Bad,free,-1\npro,Pro,self_serve,49\nworse,,free,1\n');
        await run(w, {}, [{ kind: 'plans', file }]);
        const lines = async () => (await sql<{ line: number }>`SELECT line FROM rejects WHERE source = ${file} ORDER BY line`.execute(w.db)).rows.map((r) => r.line);
        expect(await lines()).toEqual([3, 5]);
        fs.writeFileSync(file, 'plan_id,name,tier,monthly_price\nfree,Free,free,0\nbad,Bad,free,-1\n');
        const again = await run(w, {}, [{ kind: 'plans', file }]);
        expect(again.files[0]).toMatchObject({ read: 2, loaded: 0, duplicates: 1, rejected: { NEGATIVE_PRICE: 1 } });
        expect(await lines()).toEqual([3]);
      } finally {
        await w.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('NDJSON events load the same rows as their CSV twins', async () => {
      const csv = await open();
      const ndjson = await open();
      try {
        await run(csv);
        const result = await run(ndjson, {}, [...INPUTS.filter((i) => i.kind !== 'events'), { kind: 'events', file: path.join(__dirname, 'fixtures', 'ndjson', 'events.ndjson') }]);
        expect(byKind(result.files).events).toEqual({ read: 5, loaded: 4, duplicates: 0, rejected: { VALUE_NOT_ACCEPTED: 1 } });
        expect((await checksums(ndjson.db)).events).toBe((await checksums(csv.db)).events);
      } finally {
        await Promise.all([csv.close(), ndjson.close()]);
      }
    });

    test('refuses a file whose header has an unknown or missing column, loading nothing', async () => {
      const w = await open();
      try {
        const bad = path.join(__dirname, 'fixtures', 'bad-header');
        await expect(run(w, {}, [{ kind: 'plans', file: path.join(bad, 'misspelt.csv') }])).rejects.toMatchObject({
          code: 'UNKNOWN_COLUMN', message: expect.stringContaining('unknown column(s) nmae. Did you mean "name"?'),
        });
        await expect(run(w, {}, [{ kind: 'plans', file: path.join(bad, 'missing.csv') }])).rejects.toMatchObject({ code: 'MISSING_COLUMN' });
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM plans`.execute(w.db);
        expect(rows[0]?.n).toBe(0);
      } finally {
        await w.close();
      }
    });
  });
}

describeIngest('PGlite', async () => {
  const w = await openWarehouse({ databaseUrl: null, dataDir: 'memory://' });
  await migrateToLatest(w.db);
  return w;
}, () => null);

const databaseUrl = process.env.DATABASE_URL;
(databaseUrl ? describe : describe.skip)('on PostgreSQL', () => {
  // One scratch database per warehouse the tests open, dropped at the end.
  const names: string[] = [];
  const admin = async (text: string): Promise<void> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string): string => {
    const url = new URL(databaseUrl ?? '');
    url.pathname = `/${name}`;
    return url.toString();
  };
  const urls = new Map<Warehouse, string>();
  afterAll(async () => {
    for (const name of names) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const openScratch = async (): Promise<Warehouse> => {
    const name = `pulse_ingest_test_${randomBytes(6).toString('hex')}`;
    names.push(name);
    await admin(`CREATE DATABASE ${name}`);
    const w = await openWarehouse({ databaseUrl: urlOf(name), dataDir: 'memory://' });
    await migrateToLatest(w.db);
    urls.set(w, urlOf(name));
    return w;
  };
  describeIngest('PostgreSQL', openScratch, (w) => urls.get(w) ?? null);

  test('PostgreSQL (COPY FROM STDIN) and PGlite (COPY FROM a blob) end with identical tables and rejects', async () => {
    const remote = await openScratch();
    const local = await openWarehouse({ databaseUrl: null, dataDir: 'memory://' });
    try {
      await migrateToLatest(local.db);
      await ingest(remote, urls.get(remote) ?? null, INPUTS, { catalog: await realCatalog(), now: NOW });
      await ingest(local, null, INPUTS, { catalog: await realCatalog(), now: NOW });
      expect(await checksums(remote.db)).toEqual(await checksums(local.db));
    } finally {
      await Promise.all([remote.close(), local.close()]);
    }
  });
});
