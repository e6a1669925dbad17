import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listen, type HttpServer } from '../../src/server/http';
import { webAssets } from '../../src/server/web-assets';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

// The built dashboard's files, served from a list read at start: pages for browsers, the API for everything else.
let api: TestApi;
let root: string;
let server: HttpServer;
let bare: HttpServer;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-web-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<div id="root">dashboard</div>');
  fs.writeFileSync(path.join(root, 'graphiql.html'), '<div id="root">graphiql</div>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log("app");'.repeat(100));
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not an asset');
  api = await createTestApi(await openFixture('small'), smallCatalog(), { differential: false });
  server = await listen(api.pulse.apollo, () => api.pulse.context(), { port: 0, host: '127.0.0.1', web: webAssets(root) });
  bare = await listen(api.pulse.apollo, () => api.pulse.context(), { port: 0, host: '127.0.0.1', web: webAssets(null) });
});
afterAll(async () => {
  await server.stop();
  await bare.stop();
  await api.pulse.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };
const base = () => server.url.replace(/graphql$/, '');

test('a browser gets the dashboard at / and at its pages, GraphiQL at /graphql; nothing is cached but assets', async () => {
  for (const page of ['', 'retention', 'users']) {
    const response = await fetch(`${base()}${page}`, { headers: html });
    expect([response.status, response.headers.get('cache-control'), await response.text()]).toEqual([200, 'no-cache', '<div id="root">dashboard</div>']);
  }
  const graphiql = await fetch(server.url, { headers: html });
  expect(await graphiql.text()).toBe('<div id="root">graphiql</div>');
  // Framed by Pulse's own origin only (no embedders listed here).
  expect(graphiql.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
  const asset = await fetch(`${base()}assets/app-1234.js`);
  expect([asset.headers.get('content-type'), asset.headers.get('cache-control')]).toEqual(['text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
});

test('gzip on request; files outside assets/ and unknown names are not served', async () => {
  // Raw paths (fetch would resolve the dots before sending): only listed asset names are ever read.
  for (const bad of ['/secret.txt', '/assets/../secret.txt', '/assets/nope.js', '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/assets//etc/passwd', '/../../etc/passwd.txt']) {
    const answer = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: new URL(base()).port, path: bad, headers: html }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      }).on('error', reject);
    });
    expect([bad, answer.status, answer.body.includes('not an asset')]).toEqual([bad, 404, false]);
  }
  const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
    http.get(`${base()}assets/app-1234.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  expect(raw.encoding).toBe('gzip');
  expect(gunzipSync(raw.body).toString()).toBe('console.log("app");'.repeat(100));
  // A rebuild while serving: the new page (gzipped or not) and its new asset, without a restart.
  fs.writeFileSync(path.join(root, 'index.html'), '<div id="root">rebuilt</div>');
  fs.writeFileSync(path.join(root, 'assets', 'app-5678.js'), 'console.log("new");');
  expect(await (await fetch(base(), { headers: { ...html, 'accept-encoding': 'gzip' } })).text()).toBe('<div id="root">rebuilt</div>');
  await new Promise((r) => setTimeout(r, 1_100)); // the asset list is read again at most once a second
  expect(await (await fetch(`${base()}assets/app-5678.js`)).text()).toBe('console.log("new");');
  fs.writeFileSync(path.join(root, 'index.html'), '<div id="root">dashboard</div>');
});

test('API calls stay the API even from a browser: POST /, GET /graphql?query=, /health; without a build, pages say how to build', async () => {
  const both = { accept: 'text/html, application/json' };
  const post = await fetch(base(), { method: 'POST', headers: { 'content-type': 'application/json', ...both }, body: JSON.stringify({ query: '{ catalog { version } }' }) });
  expect(((await post.json()) as any).data.catalog.version).toMatch(/^[0-9a-f]+$/);
  const get = await fetch(`${server.url}?query=${encodeURIComponent('{ catalog { version } }')}`, { headers: { ...both, 'apollo-require-preflight': 'true' } });
  expect(((await get.json()) as any).data.catalog.version).toMatch(/^[0-9a-f]+$/);
  expect(await (await fetch(`${base()}health`, { headers: html })).text()).toBe('{"status":"ok"}');
  // curl of the printed address: what to do instead of a CSRF refusal.
  const curl = await fetch(base());
  expect([curl.status, ((await curl.json()) as any).errors[0].message]).toEqual([400, expect.stringContaining('open / in a browser for the dashboard')]);
  const unbuilt = await fetch(bare.url.replace(/graphql$/, ''), { headers: html });
  expect([unbuilt.status, await unbuilt.text()]).toEqual([503, 'The dashboard is not built: run `npm run build` (GraphQL answers at POST /graphql).']);
});

test('built after the server started: served without a restart; embedders listed may frame the pages', async () => {
  const later = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-web-later-'));
  const framed = await listen(api.pulse.apollo, () => api.pulse.context(), { port: 0, host: '127.0.0.1', web: webAssets(path.join(later, 'web'), { frameAncestors: ['https://app.example.com'] }) });
  try {
    const page = framed.url.replace(/graphql$/, '');
    expect((await fetch(page, { headers: html })).status).toBe(503);
    fs.mkdirSync(path.join(later, 'web', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(later, 'web', 'index.html'), '<div id="root">late</div>');
    const built = await fetch(page, { headers: html });
    expect([built.status, await built.text(), built.headers.get('content-security-policy')]).toEqual([200, '<div id="root">late</div>', "frame-ancestors 'self' https://app.example.com"]);
  } finally {
    await framed.stop();
    fs.rmSync(later, { recursive: true, force: true });
  }
});
