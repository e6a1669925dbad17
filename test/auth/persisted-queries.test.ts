import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKey } from '../../src/auth';
import { main } from '../../src/cli/main';
import type { Warehouse } from '../../src/db';
import { parseManifest, sha256 } from '../../src/graphql';
import { listen, type HttpServer } from '../../src/server/http';
import { createTestApi, type TestApi } from '../support/api';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';

// Persisted queries in allow-list mode (PULSE_PERSISTED_QUERIES): a viewer runs only listed documents, by hash or exact text; admins run anything.
const LISTED = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-03"}, grain: DAY) { rows { period dau } } }\n';
const OTHER = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-03"}, grain: DAY) { rows { period dau events } } }';
let dir: string;
let manifestFile: string;
let scratch: Scratch;
let w: Warehouse;
let api: TestApi;
let server: HttpServer;
let viewer: string;
let admin: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-pq-'));
  fs.writeFileSync(path.join(dir, 'daily-active.graphql'), LISTED);
  manifestFile = path.join(dir, 'manifest.json');
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await main(['node', 'pulse', 'persisted-queries', path.join(dir, 'daily-active.graphql'), '--out', manifestFile]);
  jest.restoreAllMocks();
  scratch = await createSmallScratch();
  w = await scratch.open();
  viewer = (await createKey(w.db, { role: 'viewer', name: 'pq-viewer' })).key;
  admin = (await createKey(w.db, { role: 'admin', name: 'pq-admin' })).key;
  const persistedQueries = parseManifest(fs.readFileSync(manifestFile, 'utf8'), manifestFile);
  api = await createTestApi(w, smallCatalog(), { auth: { required: true, jwtSecret: null }, persistedQueries, differential: false });
  server = await listen(api.pulse.apollo, (req) => api.pulse.requestContext(req.headers.authorization), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
  await api.pulse.close();
  await scratch.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function post(token: string, body: object): Promise<{ status: number; json: { data?: { metrics: { rows: unknown[] } }; errors?: Array<{ message: string; extensions: { code: string } }> } }> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as never };
}

test('the CLI writes an Apollo manifest keyed by the SHA-256 of each exact text', () => {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { format: string; operations: Array<{ id: string; name: string; body: string }> };
  expect(manifest.format).toBe('apollo-persisted-query-manifest');
  expect(manifest.operations).toEqual([{ id: sha256(LISTED), name: 'daily-active', type: 'query', body: LISTED }]);
});

test('a viewer runs the listed document by hash alone or by its text, and nothing else; an admin runs anything', async () => {
  const expected = (await api.data<{ metrics: { rows: unknown[] } }>(LISTED)).metrics.rows;
  expect(expected).toHaveLength(3);
  const byHash = await post(viewer, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(LISTED) } } });
  expect([byHash.status, byHash.json.data?.metrics.rows]).toEqual([200, expected]);
  const byText = await post(viewer, { query: LISTED });
  expect([byText.status, byText.json.data?.metrics.rows]).toEqual([200, expected]);
  const other = await post(viewer, { query: OTHER });
  expect([other.status, other.json.errors?.map((e) => e.extensions.code)]).toEqual([403, ['FORBIDDEN']]);
  expect(other.json.errors?.[0]?.message).toBe('this document is not in the persisted query allow-list (PULSE_PERSISTED_QUERIES); ask the host product to add it');
  // Registering a new hash (automatic persisted queries) does not list it.
  const registered = await post(viewer, { query: OTHER, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(OTHER) } } });
  expect(registered.json.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  const unknown = await post(viewer, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(OTHER) } } });
  expect(unknown.json.errors?.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  const asAdmin = await post(admin, { query: OTHER, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(OTHER) } } });
  expect([asAdmin.status, asAdmin.json.data?.metrics.rows.length]).toEqual([200, 3]);
  // An admin registered OTHER with Apollo's automatic persisted queries: its hash alone is still not listed for a viewer.
  const afterAdmin = await post(viewer, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(OTHER) } } });
  expect([afterAdmin.status, afterAdmin.json.errors?.map((e) => e.extensions.code)]).toEqual([403, ['FORBIDDEN']]);
});

test('a bad manifest is refused at start with the file and the operation named', () => {
  expect(() => parseManifest('{', 'pq.json')).toThrow(/^pq\.json: not JSON/);
  expect(() => parseManifest('{"format": "other", "version": 1, "operations": []}', 'pq.json')).toThrow('pq.json: not an Apollo persisted query manifest: format: Invalid input: expected "apollo-persisted-query-manifest"');
  const wrong = JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256('x'), name: 'dau', body: LISTED }] });
  expect(() => parseManifest(wrong, 'pq.json')).toThrow(`pq.json: operations.0 (dau): id is not the SHA-256 of its body (${sha256(LISTED)})`);
});
