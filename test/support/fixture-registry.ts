import type { Kysely } from 'kysely';
import type { WarehouseTables } from '../../src/db';
import { seedDemoData } from '../../src/ingest/demo';
import { loadCohorts } from '../fixtures/cohorts';
import { loadFunnels } from '../fixtures/funnels';
import { loadPeople } from '../fixtures/people';
import { loadSessions } from '../fixtures/sessions';
import { loadSmall } from '../fixtures/small';

/** Every shared, read-only fixture: built once per test run by the global setup. */
export const FIXTURES: Record<string, (db: Kysely<WarehouseTables>) => Promise<void>> = {
  small: loadSmall,
  cohorts: loadCohorts,
  demo_small: async (db) => void (await seedDemoData(db, { users: 600, days: 60 })),
  funnels: loadFunnels,
  people: loadPeople,
  sessions: loadSessions,
};

export type FixtureName = keyof typeof FIXTURES;
