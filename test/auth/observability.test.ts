import { sql } from 'kysely';
import { createKey } from '../../src/auth';
import type { Warehouse } from '../../src/db';
import { listen, type HttpServer } from '../../src/server/http';
import type { Logger } from '../../src/util/logger';
import { createTestApi, type TestApi } from '../support/api';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';

// Request logs (principal, never the token; tenant; fields; time; error codes), /metrics, /healthz, /readyz.
let scratch: Scratch;
let w: Warehouse;
let api: TestApi;
let server: HttpServer;
let key: string;
const logged: Array<{ message: string; details: Record<string, unknown> }> = [];
const logger: Logger = { info: (details, message) => void logged.push({ message, details: details as Record<string, unknown> }), warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  scratch = await createSmallScratch();
  w = await scratch.open();
  key = (await createKey(w.db, { role: 'viewer', name: 'observed' })).key;
  api = await createTestApi(w, smallCatalog(), { auth: { required: true, jwtSecret: null }, logger, differential: false });
  server = await listen(api.pulse.apollo, (req) => api.pulse.requestContext(req.headers.authorization), { port: 0, host: '127.0.0.1', probes: api.pulse.probes });
});
afterAll(async () => {
  await server.stop();
  await api.pulse.close();
  await scratch.drop();
});

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body: JSON.stringify({ query }) });

test('each request is logged once with its id, principal, fields, time and error codes; never the token', async () => {
  const ok = await post('{ m: metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}, grain: DAY) { rows { dau } } catalog { metrics { name } } }', { 'x-request-id': 'req-1' });
  expect(ok.headers.get('x-request-id')).toBe('req-1');
  await post('{ metrics(timeRange: {from: "2026-01-02", to: "2026-01-01"}) { rows { dau } } }');
  await post('{ again: metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}, grain: DAY) { rows { dau } } r: retention(timeRange: {from: "2026-01-05", to: "2026-01-11"}) { cohorts { size } } }');
  const requests = logged.filter((l) => l.message === 'request').map((l) => l.details);
  expect(requests).toHaveLength(3);
  // What the statements cost: how many, from a cache or the warehouse (with its time), rows, and where from.
  expect(requests[0]).toMatchObject({ requestId: 'req-1', principal: 'observed', tenant: null, fields: ['metrics', 'catalog'], errors: [], statements: 1, cacheHits: 0, sources: ['user_day'] });
  expect(requests[2]?.sources).toContain('user_day');
  expect(requests[0]?.rows).toBe(2);
  expect(requests[0]?.sqlMs).toBeGreaterThan(0);
  expect(requests[1]).toMatchObject({ statements: 0, cacheHits: 0, sqlMs: 0, rows: 0, sources: [] });
  expect(requests[2]).toMatchObject({ fields: ['metrics', 'retention'], statements: 2, cacheHits: 1 });
  expect(requests[0]?.ms).toEqual(expect.any(Number));
  expect(requests[1]).toMatchObject({ principal: 'observed', fields: ['metrics'], errors: ['BAD_USER_INPUT'] });
  expect(String(requests[1]?.requestId)).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.stringify(logged)).not.toContain(key.slice(-32));
});

test('/metrics counts requests by field and outcome and statements by cache or warehouse; /healthz and /readyz', async () => {
  const dau = '{ metrics(timeRange: {from: "2026-01-03", to: "2026-01-04"}, grain: DAY) { rows { dau } } }';
  await post(dau);
  await post(dau);
  const text = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
  const value = (line: string) => Number(text.split('\n').find((l) => l.startsWith(line))?.slice(line.length).trim());
  expect(value('pulse_request_duration_seconds_count{field="metrics",outcome="ok"}')).toBe(4);
  expect(value('pulse_request_duration_seconds_count{field="metrics",outcome="error"}')).toBe(1);
  expect(value('pulse_statements_total{from="warehouse"}')).toBeGreaterThanOrEqual(2);
  expect(text).toContain('pulse_sql_duration_seconds_bucket');
  expect(value('pulse_pool_waiters')).toBe(0);
  expect(text).toContain('pulse_process_resident_memory_bytes');
  expect(await (await fetch(server.url.replace('/graphql', '/healthz'))).json()).toEqual({ status: 'ok' });
  const ready = await fetch(server.url.replace('/graphql', '/readyz'));
  expect([ready.status, await ready.json()]).toEqual([200, { ready: true, warehouse: 'reachable', pendingMigrations: [] }]);
});

test('/readyz is 503 while a migration is pending, and again 200 once it is applied', async () => {
  const { rows } = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(w.db);
  const last = rows[0] ?? { name: '', timestamp: '' };
  await sql`DELETE FROM kysely_migration WHERE name = ${last.name}`.execute(w.db);
  try {
    const pending = await fetch(server.url.replace('/graphql', '/readyz'));
    expect([pending.status, await pending.json()]).toEqual([503, { ready: false, warehouse: 'reachable', pendingMigrations: [last.name] }]);
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200); // alive, not ready
  } finally {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last.name}, ${last.timestamp})`.execute(w.db);
  }
  expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(200);
});
