import { sql } from 'kysely';
import pg from 'pg';
import { openWarehouse, toExecutionError } from '../../src/db';
import { createEmptyScratch } from '../support/scratch';

// SPEC §11 QUERY_TIMEOUT: a statement past PULSE_QUERY_TIMEOUT_MS is cancelled in PostgreSQL, not just abandoned.
(process.env.DATABASE_URL ? test : test.skip)('a statement past the timeout fails with QUERY_TIMEOUT and no longer runs in the warehouse', async () => {
  const scratch = await createEmptyScratch();
  const w = await openWarehouse({ databaseUrl: scratch.databaseUrl, dataDir: '', queryTimeoutMs: 200 });
  const watcher = new pg.Client({ connectionString: scratch.databaseUrl ?? '' });
  await watcher.connect();
  try {
    const started = Date.now();
    const error = await sql`SELECT pg_sleep(5) AS slept`.execute(w.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(toExecutionError(error)).toMatchObject({ code: 'QUERY_TIMEOUT', message: 'The query took too long and was cancelled.' });
    const { rows } = await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%' AND state = 'active'`);
    expect(rows[0]?.n).toBe(0);
  } finally {
    await watcher.end();
    await w.close();
    await scratch.drop();
  }
});
