import { SignJWT } from 'jose';
import { authenticate, createKey } from '../../src/auth';
import type { Warehouse } from '../../src/db';
import { listen, type HttpServer } from '../../src/server/http';
import { createTestApi, type TestApi } from '../support/api';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';

// PULSE_AUTH=required over HTTP: 401 UNAUTHENTICATED before anything runs, `sql` for admins only (FORBIDDEN), /health open.
const SECRET = 'another-test-secret-of-32-chars-or-more';
let scratch: Scratch;
let w: Warehouse;
let api: TestApi;
let server: HttpServer;
const keys: Record<string, string> = {};

beforeAll(async () => {
  scratch = await createSmallScratch();
  w = await scratch.open();
  keys.viewer = (await createKey(w.db, { role: 'viewer', name: 'viewer' })).key;
  keys.admin = (await createKey(w.db, { role: 'admin', name: 'admin' })).key;
  keys.tenant = (await createKey(w.db, { role: 'viewer', tenant: 't1', name: 'tenant' })).key;
  api = await createTestApi(w, smallCatalog(), { auth: { required: true, jwtSecret: SECRET }, differential: false });
  server = await listen(api.pulse.apollo, (req) => api.pulse.requestContext(req.headers.authorization), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
  await api.pulse.close();
  await scratch.drop();
});

const DAU = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}, grain: DAY) { rows { period dau } } }';
const SQL = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}, grain: DAY) { rows { dau } sql } }';

async function post(query: string, token?: string): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as never };
}

test('no token, an unknown key or an expired JWT: 401 UNAUTHENTICATED', async () => {
  for (const token of [undefined, 'pulse_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
    const { status, body } = await post(DAU, token);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  }
  const expired = await new SignJWT({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) - 120 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
  expect(await post(DAU, expired)).toMatchObject({ status: 401, body: { errors: [{ message: 'invalid token: expired', extensions: { code: 'UNAUTHENTICATED' } }] } });
});

test('a viewer key answers metrics; its `sql` is FORBIDDEN; an admin gets it', async () => {
  expect(await post(DAU, keys.viewer)).toEqual({ status: 200, body: { data: { metrics: { rows: [{ period: '2026-01-01T00:00:00+00:00', dau: 2 }, { period: '2026-01-02T00:00:00+00:00', dau: 1 }] } } } });
  const forbidden = await post(SQL, keys.viewer);
  expect(forbidden.body.errors?.map((e) => [e.extensions.code, e.message])).toEqual([['FORBIDDEN', 'MetricResult.sql is answered to admins only']]);
  const admin = await post(SQL, keys.admin);
  expect(admin.body.errors).toBeUndefined();
  expect(JSON.stringify(admin.body.data)).toMatch(/SELECT/);
});

test('a JWT signed with PULSE_JWT_SECRET is accepted; /health needs no token', async () => {
  const jwt = await new SignJWT({ sub: 'host-app', role: 'viewer', exp: Math.floor(Date.now() / 1000) + 300 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
  expect((await post(DAU, jwt)).status).toBe(200);
  const health = await fetch(server.url.replace('/graphql', '/health'));
  expect(health.status).toBe(200);
});

test('a key with a tenant sees its tenant only: the small fixture has no tenant, so zeros, and no sql', async () => {
  expect(await post(DAU, keys.tenant)).toEqual({ status: 200, body: { data: { metrics: { rows: [{ period: '2026-01-01T00:00:00+00:00', dau: 0 }, { period: '2026-01-02T00:00:00+00:00', dau: 0 }] } } } });
  expect((await post(SQL, keys.tenant)).body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
});

test('requests the schema cannot run are the client\'s: mutation, subscription, a malformed persistedQuery extension (BAD_REQUEST, nothing logged as unexpected)', async () => {
  const send = async (body: object) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.admin}` }, body: JSON.stringify(body) });
    return ((await response.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> }).errors?.map((e) => [e.extensions.code, e.message]);
  };
  const before = api.logged.length;
  expect(await send({ query: 'mutation { catalog { version } }' })).toEqual([['BAD_REQUEST', 'Schema is not configured to execute mutation operation.']]);
  expect(await send({ query: 'subscription { metrics { rows { dau } } }' })).toEqual([['BAD_REQUEST', 'Schema is not configured to execute subscription operation.']]);
  expect(await send({ query: DAU, extensions: { persistedQuery: 'x' } })).toEqual([['BAD_REQUEST', 'Unsupported persisted query version']]);
  expect(api.logged.slice(before)).toEqual([]);
});

test('when the warehouse cannot say whose an API key is, the answer is 503 WAREHOUSE_UNAVAILABLE, not an internal error', async () => {
  const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const failing = new Proxy(w.db, { get: (target, name) => (name === 'selectFrom' ? () => { throw down; } : Reflect.get(target, name)) });
  const refused = await authenticate(failing, { required: true, jwtSecret: null }, `Bearer ${keys.viewer}`).catch((e: unknown) => e);
  expect(refused).toMatchObject({ code: 'WAREHOUSE_UNAVAILABLE', message: 'The warehouse is unavailable; try again shortly.' });
  const outage = await listen(api.pulse.apollo, () => Promise.reject(refused), { port: 0, host: '127.0.0.1' });
  try {
    const response = await fetch(outage.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: DAU }) });
    expect([response.status, response.headers.get('retry-after'), await response.json()]).toEqual([
      503, '1', { errors: [{ message: 'The warehouse is unavailable; try again shortly.', extensions: { code: 'WAREHOUSE_UNAVAILABLE' } }] },
    ]);
  } finally {
    await outage.stop();
  }
});
