import type { TestApi } from '../support/api';
import { browserTest, chartOption, drawn, screenshot, settled, startDashboard, type Dashboard } from '../support/browser';

// Lifecycle, Retention, the funnel builder and Features in chromium: what each chart draws is the API's answer.
jest.setTimeout(120_000);

let dashboard: Dashboard;
let api: TestApi;
beforeAll(async () => {
  if (!process.env.PULSE_TEST_BROWSER) return;
  dashboard = await startDashboard();
  ({ api } = dashboard);
});
afterAll(() => dashboard?.close());

const RANGE = 'range=custom&from=2026-09-01&to=2026-10-31';
const TIME_RANGE = '{from: "2026-09-01", to: "2026-10-31"}';
const STATES = ['new', 'retained', 'resurrected', 'dormant', 'churned'] as const;

browserTest('Lifecycle: new, retained and resurrected above the axis, dormant and churned below, as the API counts them', async () => {
  const { page, errors } = await dashboard.open(`/lifecycle?${RANGE}`, ['lifecycle']);
  const { lifecycle } = await api.data(`{ lifecycle(timeRange: ${TIME_RANGE}, grain: WEEK) { periods { period new retained resurrected dormant churned } } }`);
  const chart = await chartOption(page, 'lifecycle');
  expect(chart.xAxis.data).toEqual(lifecycle.periods.map((p: any) => p.period));
  for (const state of STATES) {
    const sign = state === 'dormant' || state === 'churned' ? -1 : 1;
    expect(chart.series.find((s: any) => s.id === state).data).toEqual(lifecycle.periods.map((p: any) => (p[state] === 0 ? 0 : sign * p[state])));
  }
  expect(lifecycle.periods.some((p: any) => p.churned > 0)).toBe(true);
  await screenshot(page, 'lifecycle');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('Retention: a 16-period triangle of the API rates, and a breakdown by plan', async () => {
  const { page, errors } = await dashboard.open(`/retention?${RANGE}`, ['retention']);
  const asOf = '2026-11-01T00:00:00Z';
  const answer = await api.data(`{ retention(timeRange: ${TIME_RANGE}, grain: WEEK, periods: 16, asOf: "${asOf}") { cohorts { cohort size periods { offset rate } } } }`);
  const expected = answer.retention.cohorts.flatMap((c: any, y: number) => c.periods.filter((p: any) => p.rate !== null).map((p: any) => [p.offset, y, p.rate]));
  const chart = await chartOption(page, 'retention');
  expect(chart.series[0].data).toEqual(expected);
  // A triangle: each later cohort has fewer offsets.
  const lengths = answer.retention.cohorts.map((c: any) => c.periods.length);
  expect(lengths).toEqual([...lengths].sort((a: number, b: number) => b - a));
  expect(lengths[0]).toBeGreaterThan(lengths[lengths.length - 1]);
  await screenshot(page, 'retention');

  await page.selectOption('select[name=breakdown]', { label: 'Plan' });
  await page.waitForURL(/breakdown=plan/);
  await settled(page, ['retention']);
  const byPlan = await api.data(`{ retention(timeRange: ${TIME_RANGE}, grain: WEEK, periods: 16, asOf: "${asOf}", breakdown: PLAN) { cohorts { breakdown size periods { offset rate } } } }`);
  const first = byPlan.retention.cohorts[0].breakdown ?? '(none)';
  const ofFirst = byPlan.retention.cohorts.filter((c: any) => (c.breakdown ?? '(none)') === first);
  await drawn(page, 'retention', ofFirst.flatMap((c: any, y: number) => c.periods.filter((p: any) => p.rate !== null).map((p: any) => [p.offset, y, p.rate])));
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('Funnel builder: steps, window and breakdown picked in the page give the API funnel for them', async () => {
  const { page, errors } = await dashboard.open(`/funnel?${RANGE}`, ['funnel']);
  const types: string[] = (await page.locator('select[name=step-2] option').allTextContents()).filter((t) => t !== 'feature_use' && t !== 'login');
  const second = types[0] as string;
  await page.selectOption('select[name=step-2]', second);
  await page.waitForURL(new RegExp(`step=${second}`));
  await page.fill('input[name=window]', '3');
  await page.waitForURL(/window=3/);
  await page.selectOption('select[name=breakdown]', { label: 'Platform' });
  await page.waitForURL(/breakdown=platform/);
  const { funnel } = await api.data(
    `query F($second: String!) { funnel(timeRange: ${TIME_RANGE}, windowDays: 3, breakdown: PLATFORM, steps: [{eventType: "login"}, {eventType: $second}, {eventType: "purchase"}]) { steps { index eventType breakdown users conversionRate } } }`,
    { second },
  );
  const groups = [...new Set(funnel.steps.map((s: any) => s.breakdown ?? '(none)'))];
  const usersOf = (group: unknown) => [1, 2, 3].map((i) => funnel.steps.find((s: any) => s.index === i && (s.breakdown ?? '(none)') === group)?.users ?? 0);
  // The chart is redrawn after each change: wait for the last one's numbers, then read it.
  await drawn(page, 'funnel', usersOf(groups[0]));
  const chart = await chartOption(page, 'funnel');
  expect(chart.xAxis.data).toEqual(['1. login', `2. ${second}`, '3. purchase']);
  expect(chart.series.map((s: any) => s.name)).toEqual(groups);
  for (const group of groups) expect(chart.series.find((s: any) => s.name === group).data).toEqual(usersOf(group));
  expect(funnel.steps.find((s: any) => s.index === 1).users).toBeGreaterThan(0);
  await screenshot(page, 'funnel');
  expect(errors).toEqual([]);
  await page.close();
});

browserTest('Features: top features and their use over time, narrowed to one plan', async () => {
  const { page, errors } = await dashboard.open(`/features?${RANGE}&plan=Free`, ['top-features', 'feature-usage']);
  // Feature use: events with a feature only (logins and most page views have none).
  const top = await api.data(`{ metrics(timeRange: ${TIME_RANGE}, where: {AND: [{feature: {isNull: false}}, {plan: {eq: "Free"}}]}, orderBy: [{field: EVENTS, direction: DESC}], limit: 15) { rows { feature events } } }`);
  const chart = await chartOption(page, 'top-features');
  expect(chart.yAxis.data).toEqual(top.metrics.rows.map((r: any) => r.feature ?? '(none)'));
  expect(chart.series[0].data).toEqual(top.metrics.rows.map((r: any) => r.events));
  const usage = await chartOption(page, 'feature-usage');
  const weekly = await api.data(`{ metrics(timeRange: ${TIME_RANGE}, grain: WEEK, where: {AND: [{feature: {isNull: false}}, {plan: {eq: "Free"}}]}) { rows { period feature activeUsers } } }`);
  expect(chart.yAxis.data).not.toContain('(none)');
  const lead = usage.series[0];
  const periods: string[] = usage.xAxis.data;
  expect(lead.data).toEqual(periods.map((p) => weekly.metrics.rows.find((r: any) => r.period === p && (r.feature ?? '(none)') === lead.name)?.activeUsers ?? 0));
  await screenshot(page, 'features');
  expect(errors).toEqual([]);
  await page.close();
});
