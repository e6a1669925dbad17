/**
 * README's screenshots of the dashboard, taken from a running Pulse (the demo data):
 *   npm start            # in another terminal
 *   npm run screenshots -- [--url http://localhost:4000] [--out src/web/screenshots]
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';

const VIEWS = [
  { name: 'overview', path: '/?range=90d&grain=WEEK', charts: ['active-users', 'active-by-source', 'active-by-country'] },
  { name: 'lifecycle', path: '/lifecycle?range=180d', charts: ['lifecycle'] },
  { name: 'retention', path: '/retention?range=180d', charts: ['retention'] },
  { name: 'funnel', path: '/funnel?range=90d&breakdown=platform', charts: ['funnel'] },
  { name: 'features', path: '/features?range=90d', charts: ['top-features', 'feature-usage'] },
  { name: 'users', path: '/users?range=90d&status=INACTIVE', charts: ['users-by-status'] },
  { name: 'data-quality', path: '/quality', charts: ['tests-by-status'] },
  { name: 'explorer', path: '/explorer?range=90d&m=dau&m=sessionsPerUser&d=plan&grain=WEEK', charts: ['explorer'] },
  { name: 'overview-phone', path: '/?range=30d', charts: ['active-users'], viewport: { width: 390, height: 844 } },
] as const;

/** What the script reads in the page (its window; the scripts are type-checked without the DOM library). */
interface PageGlobals {
  __pulseCharts?: Record<string, unknown>;
  document: { querySelectorAll(selector: string): { length: number } };
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
  };
  const url = arg('url', 'http://localhost:4000').replace(/\/$/, '');
  const out = path.resolve(arg('out', 'src/web/screenshots'));
  fs.mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const view of VIEWS) {
      const page = await browser.newPage({ viewport: 'viewport' in view ? view.viewport : { width: 1280, height: 800 } });
      await page.goto(`${url}${view.path}`);
      for (const id of view.charts) await page.waitForFunction((chart) => Boolean((globalThis as unknown as PageGlobals).__pulseCharts?.[chart]), id, { timeout: 60_000 });
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('[role=status]').length === 0, undefined, { timeout: 60_000 });
      await page.waitForTimeout(300); // the charts' resize after layout
      await page.screenshot({ path: path.join(out, `${view.name}.png`) });
      console.log(`${view.name}.png`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
