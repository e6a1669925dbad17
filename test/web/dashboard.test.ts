import type { TestApi } from '../support/api';
import { browserTest, chartOption, drawn, screenshot, settled, startDashboard, watchErrors, type Dashboard } from '../support/browser';

// The dashboard in a real browser (Debian's chromium) over demo_small: 600 users, 60 days to 2026-10-31.
// Every number a chart draws is compared with the API's answer to the same question.
jest.setTimeout(120_000);

let dashboard: Dashboard;
let api: TestApi;
let origin: string;
beforeAll(async () => {
  if (!process.env.PULSE_TEST_BROWSER) return;
  dashboard = await startDashboard();
  ({ api, origin } = dashboard);
});
afterAll(() => dashboard?.close());

const RANGE = 'range=custom&from=2026-09-01&to=2026-10-31';

const open = (path: string, charts: readonly string[], viewport?: { width: number; height: number }) => dashboard.open(path, charts, viewport);

const series = (option: any, name: string): unknown[] => option.series.find((s: any) => s.name === name)?.data;
const numberOrNull = (attribute: string | null): number | null => (attribute === null || attribute === '' ? null : Number(attribute));


browserTest('Overview: the tiles and charts show the API numbers, for the range and the one before it', async () => {
  const { page, errors } = await open(`/?range=custom&from=2026-10-01&to=2026-10-31&grain=WEEK`, ['active-users', 'active-by-source', 'active-by-country']);
  const now = await api.data(`{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}) { rows { dau wau mau newUsers churnRate stickiness } } }`);
  // The 31 days before; nobody signed up before 2026-08-31, so its churn rate is null (no tile change).
  const before = await api.data(`{ metrics(timeRange: {from: "2026-08-31", to: "2026-09-30"}) { rows { dau wau mau newUsers churnRate stickiness } } }`);
  expect(before.metrics.rows[0].churnRate).toBeNull();
  for (const metric of ['dau', 'wau', 'mau', 'newUsers', 'churnRate', 'stickiness']) {
    const tile = page.locator(`[data-kpi=${metric}]`);
    expect(numberOrNull(await tile.locator('.kpi-value').getAttribute('data-value'))).toBe(now.metrics.rows[0][metric]);
    expect(numberOrNull(await tile.locator('.kpi-change').getAttribute('data-previous'))).toBe(before.metrics.rows[0][metric]);
  }
  expect(now.metrics.rows[0].churnRate).toBeGreaterThan(0);
  expect(await page.locator('[data-kpi=dau] .kpi-change').textContent()).toMatch(/^[+-]\d+\.\d% vs previous period$/);
  const weekly = await api.data(`{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: WEEK) { rows { period dau wau mau } } }`);
  const activity = await chartOption(page, 'active-users');
  expect(activity.xAxis.data).toEqual(weekly.metrics.rows.map((r: any) => r.period));
  for (const m of ['dau', 'wau', 'mau']) expect(series(activity, m.toUpperCase())).toEqual(weekly.metrics.rows.map((r: any) => r[m]));
  const sources = await api.data(`{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: WEEK) { rows { period acquisitionSource activeUsers } } }`);
  const bySource = await chartOption(page, 'active-by-source');
  expect(bySource.xAxis.data).toEqual(weekly.metrics.rows.map((r: any) => r.period));
  for (const s of bySource.series) {
    const of = (period: string) => sources.metrics.rows.find((r: any) => r.period === period && (r.acquisitionSource ?? '(none)') === s.name)?.activeUsers ?? 0;
    expect(s.data).toEqual(bySource.xAxis.data.map(of));
  }
  expect(bySource.series.map((s: any) => s.name).sort()).toEqual([...new Set(sources.metrics.rows.map((r: any) => r.acquisitionSource ?? '(none)'))].sort());
  const countries = await api.data(`{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, orderBy: [{field: ACTIVE_USERS, direction: DESC}], limit: 10) { rows { country activeUsers } } }`);
  const byCountry = await chartOption(page, 'active-by-country');
  expect(byCountry.yAxis.data).toEqual(countries.metrics.rows.map((r: any) => r.country ?? '(none)').reverse());
  expect(byCountry.series[0].data).toEqual(countries.metrics.rows.map((r: any) => r.activeUsers).reverse());
  await screenshot(page, 'overview');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('a filter change updates the URL and the charts; a preset ends on the last day with data', async () => {
  const { page, errors } = await open('/', ['active-users']);
  expect(await page.locator('.range-text').textContent()).toBe('2026-10-02 – 2026-10-31');
  await page.selectOption('select[name=add-filter]', 'platform');
  await page.locator('.picker input[value=web]').check();
  await page.locator('.picker button', { hasText: 'Apply' }).click();
  await page.waitForURL(/f\.platform=web/);
  await settled(page, ['active-users']);
  const web = await api.data(`{ metrics(timeRange: {from: "2026-10-02", to: "2026-10-31"}, grain: DAY, where: {platform: {in: ["web"]}}) { rows { period dau } } }`);
  const all = await api.data(`{ metrics(timeRange: {from: "2026-10-02", to: "2026-10-31"}, grain: DAY) { rows { period dau } } }`);
  expect(web.metrics.rows).not.toEqual(all.metrics.rows);
  await drawn(page, 'active-users', web.metrics.rows.map((r: any) => r.dau));
  const webCountries = await api.data(`{ metrics(timeRange: {from: "2026-10-02", to: "2026-10-31"}, where: {platform: {in: ["web"]}}, orderBy: [{field: ACTIVE_USERS, direction: DESC}], limit: 10) { rows { country activeUsers } } }`);
  await drawn(page, 'active-by-country', webCountries.metrics.rows.map((r: any) => r.activeUsers).reverse());
  // Churn cannot be filtered by an event dimension: the tile says so instead of answering an error.
  expect(await page.locator('[data-kpi=churnRate]').textContent()).toContain('Filter on Platform does not apply');
  // Back restores the unfiltered view.
  await page.goBack();
  await drawn(page, 'active-users', all.metrics.rows.map((r: any) => r.dau));
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('Users: the status chart and the page equal the API; paging moves on; a status narrows the list', async () => {
  const { page, errors } = await open(`/users?${RANGE}`, ['users-by-status']);
  const asOf = '2026-11-01T00:00:00+00:00';
  const counts = await api.data(`{ a: users(asOf: "${asOf}", status: ACTIVE) { totalCount } i: users(asOf: "${asOf}", status: INACTIVE) { totalCount } n: users(asOf: "${asOf}", status: NEVER_ACTIVE) { totalCount } }`);
  const chart = await chartOption(page, 'users-by-status');
  expect(chart.series[0].data).toEqual([counts.a.totalCount, counts.i.totalCount, counts.n.totalCount]);
  expect(counts.i.totalCount).toBeGreaterThan(0);
  const idsShown = () => page.locator('table[data-table=users] tbody tr td:first-child').allTextContents();
  const firstShown = (id: string) => page.waitForFunction((first) => (globalThis as any).document.querySelector('table[data-table=users] tbody tr td')?.textContent === first, id);
  const order = 'orderBy: {field: LAST_ACTIVE_AT, direction: DESC}';
  const list = await api.data(`{ users(asOf: "${asOf}", first: 50, ${order}) { totalCount edges { node { userId } } pageInfo { endCursor } } }`);
  expect(list.users.totalCount).toBeGreaterThan(50);
  expect(await idsShown()).toEqual(list.users.edges.map((e: any) => e.node.userId));
  // The next page is the API's page after the first one's end cursor.
  const next = await api.data(`{ users(asOf: "${asOf}", first: 50, after: "${list.users.pageInfo.endCursor}", ${order}) { edges { node { userId } } } }`);
  await page.locator('.pager button', { hasText: 'Next' }).click();
  await firstShown(next.users.edges[0].node.userId);
  expect(await idsShown()).toEqual(next.users.edges.map((e: any) => e.node.userId));
  // A status starts again at page 1 of those users.
  const inactive = await api.data(`{ users(asOf: "${asOf}", status: INACTIVE, first: 50, ${order}) { edges { node { userId } } } }`);
  await page.selectOption('select[name=status]', 'INACTIVE');
  await page.waitForURL(/status=INACTIVE/);
  await firstShown(inactive.users.edges[0].node.userId);
  expect(await idsShown()).toEqual(inactive.users.edges.map((e: any) => e.node.userId));
  await screenshot(page, 'users');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('Data quality: the summary tiles and the results table are the API answer', async () => {
  const { page, errors } = await open('/quality', []);
  await page.waitForSelector('[data-kpi=total]');
  const { dataQuality } = await api.data('{ dataQuality { summary { total passed failed warned errored } tests { name status } rejects { rows } } }');
  for (const k of ['total', 'passed', 'failed', 'warned', 'errored']) {
    expect(Number(await page.locator(`[data-kpi=${k}] .kpi-value`).getAttribute('data-value'))).toBe(dataQuality.summary[k]);
  }
  const rejected = dataQuality.rejects.reduce((sum: number, r: any) => sum + r.rows, 0);
  expect(Number(await page.locator('[data-kpi=rejected] .kpi-value').getAttribute('data-value'))).toBe(rejected);
  const names = await page.locator('table[data-table=data-tests] tbody tr td:nth-child(2)').allTextContents();
  expect(names).toEqual(dataQuality.tests.map((t: any) => t.name));
  if (dataQuality.summary.total === 0) {
    expect(await page.locator('section[aria-label^="Data tests"] .empty').textContent()).toContain('npx pulse check');
  } else {
    const chart = await chartOption(page, 'tests-by-status');
    expect(chart.series[0].data.map((d: any) => d.value)).toEqual(['passed', 'warned', 'failed', 'errored'].map((k) => dataQuality.summary[k]));
  }
  await screenshot(page, 'data-quality');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('Explorer: picks build the query; its table, its CSV and its GraphQL text agree with the API', async () => {
  const { page, errors } = await open(`/explorer?${RANGE}&grain=NONE`, ['explorer']);
  await page.locator('input[name=metric][value=sessions]').check();
  await page.waitForURL(/m=sessions/);
  await page.locator('input[name=dimension][value=platform]').check();
  await page.waitForURL(/d=platform/);
  await settled(page, ['explorer']);
  const graphql = (await page.locator('pre[data-graphql]').textContent()) ?? '';
  expect(graphql).toContain('rows { platform activeUsers sessions }');
  const answer = await api.data(graphql);
  await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('table[data-table=explorer] tbody tr').length === n, answer.metrics.rows.length);
  await drawn(page, 'explorer', answer.metrics.rows.map((r: any) => r.activeUsers));
  const chart = await chartOption(page, 'explorer');
  expect(chart.xAxis.data).toEqual(answer.metrics.rows.map((r: any) => r.platform ?? '(none)'));
  expect(series(chart, 'Sessions')).toEqual(answer.metrics.rows.map((r: any) => r.sessions));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button', { hasText: 'Download CSV' }).click()]);
  const csv = await new Promise<string>((resolve, reject) => {
    download.createReadStream().then((stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    }, reject);
  });
  expect(csv).toBe(['platform,activeUsers,sessions', ...answer.metrics.rows.map((r: any) => `${r.platform ?? ''},${r.activeUsers},${r.sessions}`)].join('\r\n') + '\r\n');
  await screenshot(page, 'explorer');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('GraphiQL at /graphql: bundled, opens with the README queries, and runs them', async () => {
  const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) outside.push(request.url());
  });
  await page.goto(`${origin}/graphql`);
  await page.waitForSelector('.graphiql-tab', { timeout: 30_000 });
  expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(4);
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(() => /"rows"/.test((globalThis as any).document.querySelector('.result-window')?.textContent ?? ''), undefined, { timeout: 30_000 });
  await screenshot(page, 'graphiql');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('a phone-width screen shows the Overview charts one under the other', async () => {
  const { page, errors } = await open(`/?${RANGE}`, ['active-users', 'active-by-country'], { width: 390, height: 844 });
  const widths = await page.locator('.chart').evaluateAll((charts) => charts.map((c: any) => c.getBoundingClientRect().width));
  for (const w of widths) expect(w).toBeGreaterThan(300);
  for (const w of widths) expect(w).toBeLessThanOrEqual(390);
  await screenshot(page, 'overview-phone');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('empty and error states: a range without data says so, a bad timezone shows the API error with its code', async () => {
  const empty = await dashboard.browser.newPage();
  const errors = watchErrors(empty);
  await empty.goto(`${origin}/?range=custom&from=2020-01-01&to=2020-01-31`);
  await settled(empty, ['active-users']);
  expect(await empty.locator('section[aria-label="Active users by country (top 10)"] .empty').textContent()).toBe('No data in this range and filter.');
  expect(await empty.locator('[data-kpi=dau] .kpi-value').textContent()).toBe('0');
  await screenshot(empty, 'empty-range');
  expect(errors).toEqual([]);
  await empty.goto(`${origin}/?tz=Mars/Olympus_Mons`);
  await empty.waitForSelector('[role=alert]');
  expect(await empty.locator('[role=alert]').first().textContent()).toMatch(/^BAD_USER_INPUT.*Mars\/Olympus_Mons/);
  await empty.close();
});

browserTest('another timezone and Sunday weeks: buckets, and the users as of local midnight, are the API\'s', async () => {
  const { page, errors } = await open(`/?${RANGE}&grain=WEEK&tz=America/New_York&week=SUNDAY`, ['active-users']);
  const weekly = await api.data(`{ metrics(timeRange: {from: "2026-09-01", to: "2026-10-31"}, grain: WEEK, timezone: "America/New_York", weekStart: SUNDAY) { rows { period dau wau mau } } }`);
  const chart = await chartOption(page, 'active-users');
  expect(chart.xAxis.data).toEqual(weekly.metrics.rows.map((r: any) => r.period));
  expect(chart.xAxis.data[1]).toMatch(/^2026-09-06T00:00:00-04:00$/); // a Sunday, New York's offset
  expect(series(chart, 'DAU')).toEqual(weekly.metrics.rows.map((r: any) => r.dau));
  await page.goto(`${origin}/users?${RANGE}&tz=America/New_York`);
  await settled(page, ['users-by-status']);
  const asOf = '2026-11-01T00:00:00-04:00'; // midnight after the range, in New York (DST ends later that night)
  const counts = await api.data(`{ a: users(asOf: "${asOf}", status: ACTIVE) { totalCount } i: users(asOf: "${asOf}", status: INACTIVE) { totalCount } n: users(asOf: "${asOf}", status: NEVER_ACTIVE) { totalCount } }`);
  const utc = await api.data(`{ a: users(asOf: "2026-11-01T00:00:00Z", status: ACTIVE) { totalCount } }`);
  expect((await chartOption(page, 'users-by-status')).series[0].data).toEqual([counts.a.totalCount, counts.i.totalCount, counts.n.totalCount]);
  expect(counts.a.totalCount).not.toBe(utc.a.totalCount);
  expect(errors).toEqual([]);
  await page.close();
});
