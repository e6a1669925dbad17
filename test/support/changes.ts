import { signalLocalChange, type Warehouse } from '../../src/db';
import { kyselyRunner, refreshMarts } from '../../src/refresh';
import { smallCatalog } from './metrics';

/**
 * One more January event for u1 (the small fixture has 11), loaded the way
 * ingest does: the row, the marts brought up to date and the data version
 * bumped in one transaction.
 */
export async function addJanuaryEvent(warehouse: Warehouse, id = 'e90'): Promise<string> {
  const report = await warehouse.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('events')
      .values({ event_id: id, user_id: 'u1', occurred_at: '2026-01-15T10:00:00Z', event_type: 'login', feature: 'auth', category: null, platform: 'web', session_id: null, properties: null })
      .execute();
    return refreshMarts(kyselyRunner(trx), smallCatalog(), { full: true, loaded: true });
  });
  signalLocalChange(warehouse.db);
  return report.dataVersion;
}

/** A warehouse whose statements are counted, as they reach it. */
export function counted(warehouse: Warehouse): { warehouse: Warehouse; statements: string[] } {
  const statements: string[] = [];
  const run = warehouse.run.bind(warehouse);
  return { warehouse: { ...warehouse, run: (q) => (statements.push(q.sql), run(q)) }, statements };
}
