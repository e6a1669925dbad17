import type { Warehouse } from '../../src/db';
import { loadDemoData } from '../../src/ingest/demo';
import { realCatalog } from './api';
import { loadCohorts } from '../fixtures/cohorts';
import { loadFunnels } from '../fixtures/funnels';
import { loadPeople } from '../fixtures/people';
import { loadSessions } from '../fixtures/sessions';
import { loadSmall } from '../fixtures/small';

type Loader = (warehouse: Warehouse, databaseUrl: string | null) => Promise<void>;

/** Every shared, read-only fixture: built once per test run by the global setup. */
export const FIXTURES: Record<string, Loader> = {
  small: (w) => loadSmall(w.db),
  cohorts: (w) => loadCohorts(w.db),
  // The demo path of `npm start`, generate -> ingest, on a small scale: 600 users over the 60 days to 2026-10-31.
  demo_small: async (w, url) => void (await loadDemoData(w, url, await realCatalog(), { users: 600, days: 60 })),
  funnels: (w) => loadFunnels(w.db),
  people: (w) => loadPeople(w.db),
  sessions: (w) => loadSessions(w.db),
};

export type FixtureName = keyof typeof FIXTURES;
