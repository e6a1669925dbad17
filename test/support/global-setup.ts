import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openWarehouse } from '../../src/db';
import { FIXTURES } from './fixture-registry';
import { fixtureDatabaseUrl } from './fixture-urls';
import { rebuildMarts } from './marts';
import { CHROMIUM } from '../../scripts/screenshots/chromium';
import { ensureBuilt } from './built-cli';
import { DEFAULT_TEST_REDIS_URL, redisAnswers } from './redis';

/**
 * Build every fixture once per run, marts included: a PGlite directory that
 * each test file copies and reopens (about 1 s, instead of a cold start and a
 * reload), or one PostgreSQL database per fixture next to DATABASE_URL's.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-fixtures-'));
  process.env.PULSE_TEST_FIXTURES = root;
  await probeRedis();
  probeChromium();
  // Once, before the workers: the CLI and browser tests run dist/ and dist/web.
  ensureBuilt();
  await Promise.all(
    Object.entries(FIXTURES).map(async ([name, load]) => {
      if (url) {
        const target = fixtureDatabaseUrl(url, name);
        await recreateDatabase(url, new URL(target).pathname.slice(1));
        const warehouse = await openWarehouse({ databaseUrl: target, dataDir: '' });
        await migrateToLatest(warehouse.db);
        await load(warehouse, target);
        await rebuildMarts(warehouse);
        await warehouse.close();
      } else {
        const warehouse = await openWarehouse({ databaseUrl: null, dataDir: path.join(root, name) });
        await migrateToLatest(warehouse.db);
        await load(warehouse, null);
        await rebuildMarts(warehouse);
        await warehouse.close();
      }
    }),
  );
}

export async function recreateDatabase(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** The Redis tests need a server: .ci/run starts one; a developer without one gets them skipped, and told so. */
async function probeRedis(): Promise<void> {
  const redis = process.env.PULSE_TEST_REDIS_URL || DEFAULT_TEST_REDIS_URL;
  if (await redisAnswers(redis)) {
    process.env.PULSE_TEST_REDIS_URL = redis;
    return;
  }
  if (process.env.CI) throw new Error(`Redis does not answer at ${redis}; CI needs it for the cache tests (.ci/run starts it)`);
  process.env.PULSE_TEST_REDIS_URL = '';
  console.warn(`\nRedis does not answer at ${redis}: the Redis cache tests are SKIPPED. Start one (redis-server --port 6379) or set PULSE_TEST_REDIS_URL.\n`);
}

/** The dashboard's browser tests need chromium: .ci/run installs it; a developer without one gets them skipped, and told so. */
function probeChromium(): void {
  if (fs.existsSync(CHROMIUM)) {
    process.env.PULSE_TEST_BROWSER = CHROMIUM;
    return;
  }
  if (process.env.CI) throw new Error(`no chromium at ${CHROMIUM}; CI needs it for the dashboard's browser tests (.ci/run installs it)`);
  process.env.PULSE_TEST_BROWSER = '';
  console.warn(`\nNo chromium at ${CHROMIUM}: the dashboard's browser tests (test/web) are SKIPPED. apt-get install -y chromium, or set CHROMIUM_PATH.\n`);
}
