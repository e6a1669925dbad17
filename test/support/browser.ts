import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/screenshots/chromium';
import type { Warehouse } from '../../src/db';
import { listen } from '../../src/server/http';
import { locateWebRoot, webAssets } from '../../src/server/web-assets';
import { createTestApi, type TestApi } from './api';
import { ensureBuilt } from './built-cli';
import { ENGINE, openFixture } from './fixtures';

/** Screenshots of the browser tests, one folder per engine: git-ignored, kept by CI as artefacts. */
export const SCREENSHOTS = path.resolve(__dirname, '../../artifacts/screenshots', ENGINE);


export const launchBrowser = launchChromium;

/** `test`, or `test.skip` when the run has no chromium (the global setup says so; under CI it fails instead). */
export const browserTest: jest.It = process.env.PULSE_TEST_BROWSER ? test : test.skip;

/** Collects console errors and uncaught page errors: a page must have none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Waits until the charts are drawn and nothing is loading. (Inside the page, globalThis is its window: these tests are type-checked without the DOM library.) */
export async function settled(page: Page, charts: readonly string[]): Promise<void> {
  for (const id of charts) await page.waitForFunction((chart) => Boolean((globalThis as any).__pulseCharts?.[chart]), id, { timeout: 30_000 });
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[role=status]').length === 0, undefined, { timeout: 30_000 });
}

/** A chart's option as drawn (formatter functions dropped). */
export async function chartOption<T = any>(page: Page, id: string): Promise<T> {
  return page.evaluate((chart) => JSON.parse(JSON.stringify((globalThis as any).__pulseCharts?.[chart] ?? null)), id);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface Dashboard {
  readonly api: TestApi;
  readonly origin: string;
  readonly browser: Browser;
  /** A new page at origin + path, once its charts are drawn; its console errors are collected. */
  open(path: string, charts: readonly string[], viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Pulse serving the dashboard (default: over demo_small, 600 users, 60 days to 2026-10-31; auth off), and a browser. */
export async function startDashboard(options: { warehouse?: Warehouse; auth?: { required: boolean; jwtSecret: string | null }; embedders?: string[] } = {}): Promise<Dashboard> {
  ensureBuilt();
  const api = await createTestApi(options.warehouse ?? (await openFixture('demo_small')), undefined, options.auth ? { auth: options.auth, differential: false } : {});
  const context = options.auth ? (req: IncomingMessage) => api.pulse.requestContext(req.headers.authorization) : () => api.pulse.context();
  const embedders = options.embedders ?? [];
  const server = await listen(api.pulse.apollo, context, { port: 0, host: '127.0.0.1', corsOrigins: embedders, web: webAssets(locateWebRoot(), { frameAncestors: embedders }) });
  const origin = server.url.replace(/\/graphql$/, '');
  const browser = await launchBrowser();
  return {
    api,
    origin,
    browser,
    async open(path, charts, viewport = { width: 1280, height: 800 }) {
      const page = await browser.newPage({ viewport });
      const errors = watchErrors(page);
      await page.goto(`${origin}${path}`);
      await settled(page, charts);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.stop();
      // A warehouse passed in is the caller's to close.
      await (options.warehouse ? api.pulse.stop() : api.pulse.close());
    },
  };
}

/** Waits until the chart draws these values as its first series (it is redrawn after a change). */
export function drawn(page: Page, chart: string, data: unknown[]): Promise<unknown> {
  return page.waitForFunction(([id, expected]) => JSON.stringify((globalThis as any).__pulseCharts?.[id]?.series?.[0]?.data) === expected, [chart, JSON.stringify(data)] as const);
}
