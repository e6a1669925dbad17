import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWarehouse, type Warehouse } from '../../src/db';
import type { FixtureName } from './fixture-registry';
import { fixtureDatabaseUrl } from './fixture-urls';
import { shippedMetricsDir } from './shipped';

export const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * Open a read-only fixture built by the global setup: on PGlite a private copy
 * of its directory, on PostgreSQL its database.
 */
export async function openFixture(name: FixtureName): Promise<Warehouse> {
  const url = process.env.DATABASE_URL;
  if (url) return openWarehouse({ databaseUrl: fixtureDatabaseUrl(url, name), dataDir: '' });
  const root = process.env.PULSE_TEST_FIXTURES;
  if (!root) throw new Error('PULSE_TEST_FIXTURES is not set: run the tests through jest (global setup)');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), `pulse-${name}-`));
  fs.cpSync(path.join(root, name), copy, { recursive: true });
  const warehouse = await openWarehouse({ databaseUrl: null, dataDir: copy });
  return {
    ...warehouse,
    async close() {
      await warehouse.close();
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** Environment that points the `pulse` CLI at a private copy of a fixture; call cleanup after. */
export function fixtureEnv(name: FixtureName): { env: Record<string, string>; cleanup: () => void } {
  const url = process.env.DATABASE_URL;
  if (url) return { env: { DATABASE_URL: fixtureDatabaseUrl(url, name), PULSE_DEMO_DATA: 'off', PULSE_METRICS_DIR: shippedMetricsDir() }, cleanup: () => undefined };
  const root = process.env.PULSE_TEST_FIXTURES ?? '';
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), `pulse-${name}-`));
  fs.cpSync(path.join(root, name), copy, { recursive: true });
  return { env: { PULSE_DATA_DIR: copy, PULSE_DEMO_DATA: 'off', PULSE_METRICS_DIR: shippedMetricsDir() }, cleanup: () => fs.rmSync(copy, { recursive: true, force: true }) };
}
