import fs from 'node:fs';
import pg from 'pg';
import { FIXTURES } from './fixture-registry';
import { fixtureDatabaseUrl } from './fixture-urls';

export default async function globalTeardown(): Promise<void> {
  const root = process.env.PULSE_TEST_FIXTURES;
  if (root) fs.rmSync(root, { recursive: true, force: true });
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const name of Object.keys(FIXTURES)) {
      const db = new URL(fixtureDatabaseUrl(url, name)).pathname.slice(1);
      await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
