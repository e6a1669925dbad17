import { parse, validate } from 'graphql';
import { createKey, RateLimiter } from '../../src/auth';
import { loadConfig } from '../../src/config/config';
import type { Warehouse } from '../../src/db';
import { buildPulseSchema, documentLimitRules } from '../../src/graphql';
import { listen, type HttpServer } from '../../src/server/http';
import { RequestRefusal } from '../../src/util/errors';
import { createTestApi, type TestApi } from '../support/api';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';

// SPEC §11 limits over HTTP: body size (413), depth and aliases (QUERY_TOO_COMPLEX, 400), rate per principal (429 + Retry-After), CORS.
let scratch: Scratch;
let w: Warehouse;
let api: TestApi;
let server: HttpServer;
let key: string;
const limits = { maxBodyBytes: 2048, maxDepth: 4, maxAliases: 3, maxCost: 100_000, maxRows: 100_000, maxQueue: 100, ratePerMinute: 5, introspection: false };

beforeAll(async () => {
  scratch = await createSmallScratch();
  w = await scratch.open();
  key = (await createKey(w.db, { role: 'viewer', name: 'limited' })).key;
  api = await createTestApi(w, smallCatalog(), { auth: { required: true, jwtSecret: null }, limits, differential: false });
  server = await listen(api.pulse.apollo, (req) => api.pulse.requestContext(req.headers.authorization), { port: 0, host: '127.0.0.1', maxBodyBytes: limits.maxBodyBytes, corsOrigins: ['https://app.example'] });
});
afterAll(async () => {
  await server.stop();
  await api.pulse.close();
  await scratch.drop();
});

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: { errors?: Array<{ message: string; extensions: { code: string } }>; data?: unknown } }> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body });
  return { status: response.status, headers: response.headers, json: (await response.json()) as never };
}
const DAU = (fields = 'dau') => `metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}, grain: DAY) { rows { ${fields} } }`;

test('limits, in the order a request meets them', async () => {
  // A body over the limit: 413 before anything is parsed.
  const big = await post(JSON.stringify({ query: `{ ${DAU()} }`, padding: 'x'.repeat(3000) }));
  expect([big.status, big.json.errors?.[0]?.extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  // Too many aliases, too deep: 400 QUERY_TOO_COMPLEX, nothing runs.
  const aliased = await post(JSON.stringify({ query: `{ ${['a', 'b', 'c', 'd'].map((a) => `${a}: ${DAU()}`).join(' ')} }` }));
  expect([aliased.status, aliased.json.errors?.map((e) => [e.extensions.code, e.message])]).toEqual([400, [['QUERY_TOO_COMPLEX', 'the query has 4 aliased fields; at most 3 (PULSE_MAX_ALIASES)']]]);
  const deep = await post(JSON.stringify({ query: '{ retention(timeRange: {from: "2026-01-05", to: "2026-01-11"}) { cohorts { periods { offset } } meta { source } } }' }));
  expect(deep.status).toBe(200);
  const deeper = await post(JSON.stringify({ query: 'fragment M on ResultMeta { source } { retention(timeRange: {from: "2026-01-05", to: "2026-01-11"}) { cohorts { periods { offset } } } catalog { metrics { name } } metrics(timeRange: {from: "2026-01-01", to: "2026-01-02"}) { rows { dau } meta { ...M } } }' }));
  expect(deeper.status).toBe(200);
  // Introspection off.
  const schema = await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
  expect(schema.json.errors?.[0]?.message).toMatch(/introspection/i);
  // The rate: 5 a minute were allowed (the requests above used them up with this one); then 429 with Retry-After.
  const limited = await post(JSON.stringify({ query: `{ ${DAU()} }` }));
  expect([limited.status, limited.json.errors?.[0]?.extensions.code]).toEqual([429, 'RATE_LIMITED']);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

test('depth counts fragments; CORS answers a listed origin and its preflight', async () => {
  const schema = buildPulseSchema(smallCatalog());
  const errors = (q: string) => validate(schema, parse(q), documentLimitRules({ maxDepth: 3, maxAliases: 10 })).map((e) => e.message);
  expect(errors('{ retention(timeRange: {from: "2026-01-05", to: "2026-01-11"}) { cohorts { size } } }')).toEqual([]);
  expect(errors('fragment P on RetentionCohort { periods { offset } } { retention(timeRange: {from: "2026-01-05", to: "2026-01-11"}) { cohorts { ...P } } }')).toEqual(['the query is 4 levels deep; at most 3 (PULSE_MAX_DEPTH)']);
  const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
  expect([preflight.status, preflight.headers.get('access-control-allow-origin'), preflight.headers.get('access-control-allow-headers')]).toEqual([204, 'https://app.example', 'authorization, content-type, apollo-require-preflight']);
  const other = await fetch(server.url.replace('/graphql', '/health'), { headers: { origin: 'https://evil.example' } });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

test('the rate limiter refills continuously, per key; config reads the limits', () => {
  const limiter = new RateLimiter(60);
  for (let i = 0; i < 60; i++) limiter.take('a', 0);
  expect(() => limiter.take('a', 0)).toThrow(RequestRefusal);
  limiter.take('b', 0);
  limiter.take('a', 1000); // one token a second
  expect(() => limiter.take('a', 1000)).toThrow('retry in 1 s');
  expect(loadConfig({ PULSE_MAX_BODY_KB: '4', PULSE_RATE_LIMIT: '0', PULSE_CORS_ORIGINS: 'https://a.example, https://b.example' })).toMatchObject({
    limits: { maxBodyBytes: 4096, ratePerMinute: 0, maxDepth: 10, maxAliases: 30, maxCost: 100_000, maxRows: 100_000, maxQueue: 500, introspection: true },
    corsOrigins: ['https://a.example', 'https://b.example'],
  });
});
