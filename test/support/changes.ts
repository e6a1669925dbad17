import { bumpDataVersion, type Warehouse } from '../../src/db';

/** One more January event for u1 (the small fixture has 11), loaded the way ingest does: rows, then a bump. */
export async function addJanuaryEvent(warehouse: Warehouse, id = 'e90'): Promise<string> {
  await warehouse.db
    .insertInto('events')
    .values({ event_id: id, user_id: 'u1', occurred_at: '2026-01-15T10:00:00Z', event_type: 'login', feature: 'auth', category: null, platform: 'web', session_id: null, properties: null })
    .execute();
  return bumpDataVersion(warehouse.db);
}

/** A warehouse whose statements are counted, as they reach it. */
export function counted(warehouse: Warehouse): { warehouse: Warehouse; statements: string[] } {
  const statements: string[] = [];
  const run = warehouse.run.bind(warehouse);
  return { warehouse: { ...warehouse, run: (q) => (statements.push(q.sql), run(q)) }, statements };
}
