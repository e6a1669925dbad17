import type { Kysely } from 'kysely';
import type { WarehouseTables } from '../../src/db';
import { loadSmall } from '../fixtures/small';

/** Every shared, read-only fixture: built once per test run by the global setup. */
export const FIXTURES: Record<string, (db: Kysely<WarehouseTables>) => Promise<void>> = {
  small: loadSmall,
};

export type FixtureName = keyof typeof FIXTURES;
