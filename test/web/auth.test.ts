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
beforeAll(async () => {
  if (!process.env.PULSE_TEST_BROWSER) return;
  scratch = await createSmallScratch();
  warehouse = await scratch.open();
  keys.viewer = (await createKey(warehouse.db, { role: 'viewer', name: 'viewer' })).key;
  keys.tenant = (await createKey(warehouse.db, { role: 'viewer', tenant: 't1', name: 'tenant' })).key;
  dashboard = await startDashboard({ warehouse, auth: { required: true, jwtSecret: SECRET } });
});
afterAll(async () => {
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
