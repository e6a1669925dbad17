import type { Migration } from 'kysely';
import * as warehouse from './0001_warehouse';
import * as ingest from './0002_ingest';

/** Every migration, in order. Names are permanent: Kysely records them in kysely_migration. */
export const migrations: Record<string, Migration> = {
  '0001_warehouse': warehouse,
  '0002_ingest': ingest,
};
