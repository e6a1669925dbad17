import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { bumpDataVersion, openWarehouse } from '../../src/db';
import { ingest } from '../../src/ingest';
import { createTestApi, type TestApi } from '../support/api';
import { addJanuaryEvent, counted } from '../support/changes';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';
import { TcpProxy, until } from '../support/tcp-proxy';

// Several processes over one PostgreSQL database; PGlite has one process per directory
// (its in-process notifications are covered by the cache tests on PGlite).
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

const DOC = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } meta { cached dataVersion } } }';
// No periodic re-read in these instances: only a notification (or a reconnect) can explain a new version.
const NO_POLL = { versionPollMs: 3_600_000 };

onPostgres('LISTEN/NOTIFY keeps every process on the current data version', () => {
  let scratch: Scratch;
  let a: TestApi;
  let b: TestApi;
  let bStatements: string[];
  const others: TestApi[] = [];
  beforeAll(async () => {
    scratch = await createSmallScratch();
    a = await createTestApi(await scratch.open(), smallCatalog(), { ...NO_POLL, differential: false });
    const counting = counted(await scratch.open());
    bStatements = counting.statements;
    b = await createTestApi(counting.warehouse, smallCatalog(), { ...NO_POLL, differential: false });
  });
  afterAll(async () => {
    for (const api of [a, b, ...others]) await api.pulse.close();
    await scratch.drop();
  });

  const version = (api: TestApi) => api.pulse.executor.dataVersion();

  test('a load by one instance is seen by the other within a second, and its cached answer is dropped', async () => {
    expect(a.pulse.executor.state.live && b.pulse.executor.state.live).toBe(true);
    expect((await b.data(DOC)).metrics.rows).toEqual([{ events: 11 }]);
    expect((await b.data(DOC)).metrics.meta.cached).toBe(true);
    const v2 = await addJanuaryEvent(a.pulse.warehouse);
    await until(async () => (await version(b)) === v2, 1_000);
    const after = await b.data(DOC);
    expect(after.metrics.rows).toEqual([{ events: 12 }]);
    expect(after.metrics.meta).toEqual({ cached: false, dataVersion: v2 });
    expect(bStatements).toHaveLength(2);
  });

  test('an ingest over connections of its own (as `pulse ingest` in another process) is seen within a second', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-notify-'));
    const file = path.join(dir, 'events.csv');
    fs.writeFileSync(file, 'event_id,user_id,occurred_at,event_type,feature,category,platform,session_id,properties\ne91,u2,2026-01-20T10:00:00Z,login,auth,,ios,,\n');
    const loader = await scratch.open();
    let loaded;
    try {
      loaded = await ingest(loader, scratch.databaseUrl, [{ kind: 'events', file }], { catalog: smallCatalog(), now: Date.parse('2026-06-01T00:00:00Z') });
    } finally {
      await loader.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(loaded.files[0]?.loaded).toBe(1);
    await until(async () => (await version(b)) === loaded.dataVersion && (await version(a)) === loaded.dataVersion, 1_000);
    expect((await b.data(DOC)).metrics.rows).toEqual([{ events: 13 }]);
  });

  test('a bump inside a transaction is announced when it commits, not before', async () => {
    const before = await version(b);
    let bumped = '';
    await a.pulse.warehouse.db.transaction().execute(async (trx) => {
      bumped = await bumpDataVersion(trx);
      // Not committed: no other process can see it (PostgreSQL delivers NOTIFY at commit).
      expect(await version(b)).toBe(before);
    });
    await until(async () => (await version(b)) === bumped, 1_000);
    // The bumping process hears its own transaction's NOTIFY too.
    await until(async () => (await version(a)) === bumped, 1_000);
  });

  test('with its LISTEN connection cut, a process reads the version per request, and re-reads it when listening again', async () => {
    const target = new URL(scratch.databaseUrl ?? '');
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.up();
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    const c = await createTestApi(await openWarehouse({ databaseUrl: target.toString(), dataDir: '' }), smallCatalog(), { ...NO_POLL, differential: false });
    others.push(c);
    expect(c.pulse.executor.state.live).toBe(true);
    const start = await version(c);

    await proxy.down();
    await until(() => !c.pulse.executor.state.live);
    expect(c.logged.map((l) => l.message)).toContain('not listening for data version changes; reading the version per request until it is back');
    // Announced while c cannot hear it.
    const missed = await bumpDataVersion(a.pulse.warehouse.db);
    expect(missed).not.toBe(start);

    await proxy.up();
    await until(() => c.pulse.executor.state.live, 5_000);
    expect(await version(c)).toBe(missed);
    await proxy.down();
  });

  test('the periodic re-read catches a change that was never announced', async () => {
    const d = await createTestApi(await scratch.open(), smallCatalog(), { versionPollMs: 200, differential: false });
    others.push(d);
    const before = Number(await version(d));
    // A version written without NOTIFY (an old Pulse, or a hand-made fix).
    await sql`UPDATE pulse_meta SET value = (value::bigint + 1)::text WHERE key = 'data_version'`.execute(a.pulse.warehouse.db);
    await until(async () => Number(await version(d)) === before + 1, 1_500);
  });
});
