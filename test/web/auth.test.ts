import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { createKey } from '../../src/auth';
import type { Warehouse } from '../../src/db';
import { browserTest, settled, startDashboard, type Dashboard } from '../support/browser';
import { createSmallScratch, type Scratch } from '../support/scratch';

// The dashboard behind PULSE_AUTH=required (SPEC §11): a key typed into the page, a token handed over by an embedding page, a tenant's view.
jest.setTimeout(120_000);

const SECRET = 'a-dashboard-test-secret-of-32-chars-or-more';
let scratch: Scratch;
let warehouse: Warehouse;
let dashboard: Dashboard;
const keys: Record<string, string> = {};
/** Two host pages that frame the dashboard: one listed in PULSE_CORS_ORIGINS, one not. */
let embedder: http.Server;
let stranger: http.Server;
let embedderToken = '';
const frameHost = () =>
  http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<iframe id="pulse" style="width:1280px;height:800px" src="${dashboard.origin}${RANGE}"></iframe>
<script>
  const frame = document.getElementById('pulse');
  frame.addEventListener('load', () => frame.contentWindow.postMessage({ type: 'pulse:token', token: ${JSON.stringify(embedderToken)} }, ${JSON.stringify(dashboard.origin)}));
</script>`);
  });
const originOf = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
beforeAll(async () => {
  if (!process.env.PULSE_TEST_BROWSER) return;
  embedder = frameHost();
  stranger = frameHost();
  const embedderOrigin = await originOf(embedder);
  await originOf(stranger);
  scratch = await createSmallScratch();
  warehouse = await scratch.open();
  keys.viewer = (await createKey(warehouse.db, { role: 'viewer', name: 'viewer' })).key;
  keys.tenant = (await createKey(warehouse.db, { role: 'viewer', tenant: 't1', name: 'tenant' })).key;
  dashboard = await startDashboard({ warehouse, auth: { required: true, jwtSecret: SECRET }, embedders: [embedderOrigin] });
});
afterAll(async () => {
  embedder?.close();
  stranger?.close();
  await dashboard?.close();
  await warehouse?.close();
  await scratch?.drop();
});

const RANGE = '/?range=custom&from=2026-01-01&to=2026-01-31';
const DAU = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { dau } } }';

/** The API's answer for a token, over HTTP like the page. */
async function asToken(token: string, query: string): Promise<any> {
  const response = await fetch(`${dashboard.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return response.json();
}

browserTest('without a key the page says UNAUTHENTICATED and how to fix it; a key typed in is kept for the tab', async () => {
  const page = await dashboard.browser.newPage();
  await page.goto(`${dashboard.origin}${RANGE}`);
  await page.waitForSelector('[role=alert]');
  expect(await page.locator('[role=alert]').textContent()).toMatch(/^UNAUTHENTICATED.*Enter an API key/);
  await page.locator('button.key-button').click();
  await page.fill('input[name=api-key]', keys.viewer as string);
  await page.locator('.key-form button[type=submit]').click();
  await settled(page, ['active-users']);
  const expected = (await asToken(keys.viewer as string, DAU)).data.metrics.rows[0].dau;
  expect(expected).toBeGreaterThan(0);
  expect(Number(await page.locator('[data-kpi=dau] .kpi-value').getAttribute('data-value'))).toBe(expected);
  // The key lives in sessionStorage: a reload keeps it, and it never goes into the URL.
  await page.reload();
  await settled(page, ['active-users']);
  expect(page.url()).not.toContain('pulse_');
  await page.close();
});

browserTest('an embedding page hands over a JWT in the fragment: used, then taken out of the URL', async () => {
  const jwt = await new SignJWT({ sub: 'embed', role: 'viewer', exp: Math.floor(Date.now() / 1000) + 600 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
  const context = await dashboard.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${dashboard.origin}${RANGE}#token=${jwt}`);
  await settled(page, ['active-users']);
  expect(page.url()).not.toContain('#token');
  expect(await page.locator('[role=alert]').count()).toBe(0);
  await context.close();
});

browserTest("a tenant's key sees its tenant's numbers, and data quality (over every tenant) is refused with its code", async () => {
  const context = await dashboard.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${dashboard.origin}${RANGE}#token=${keys.tenant}`);
  await settled(page, ['active-users']);
  const tenant = (await asToken(keys.tenant as string, DAU)).data.metrics.rows[0].dau;
  const all = (await asToken(keys.viewer as string, DAU)).data.metrics.rows[0].dau;
  expect(tenant).toBeLessThan(all);
  expect(Number(await page.locator('[data-kpi=dau] .kpi-value').getAttribute('data-value'))).toBe(tenant);
  await page.goto(`${dashboard.origin}/quality`);
  await page.waitForSelector('[role=alert]');
  expect(await page.locator('[role=alert]').textContent()).toMatch(/^FORBIDDEN/);
  await context.close();
});

browserTest('an embedding page listed in PULSE_CORS_ORIGINS frames the dashboard and posts it a token; an unlisted one cannot frame it', async () => {
  embedderToken = await new SignJWT({ sub: 'host', role: 'viewer', exp: Math.floor(Date.now() / 1000) + 600 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
  const page = await dashboard.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${(embedder.address() as AddressInfo).port}/`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) throw new Error('no frame');
  await frame.waitForFunction(() => Boolean((globalThis as any).__pulseCharts?.['active-users']), undefined, { timeout: 30_000 });
  const expected = (await asToken(embedderToken, DAU)).data.metrics.rows[0].dau;
  await frame.waitForSelector('[data-kpi=dau] .kpi-value');
  expect(Number(await frame.locator('[data-kpi=dau] .kpi-value').getAttribute('data-value'))).toBe(expected);
  // The same page from an origin not listed: the browser refuses to show the dashboard in its frame.
  const blocked = await dashboard.browser.newPage();
  const refused = new Promise<boolean>((resolve) => blocked.on('console', (m) => /frame-ancestors/.test(m.text()) && resolve(true)));
  await blocked.goto(`http://127.0.0.1:${(stranger.address() as AddressInfo).port}/`);
  expect(await refused).toBe(true);
  await blocked.close();
  await page.close();
});
