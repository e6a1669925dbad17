import type { Migration } from 'kysely';
import * as warehouse from './0001_warehouse';
import * as ingest from './0002_ingest';
import * as dataQuality from './0003_data_quality';
import * as noForeignKeys from './0004_no_foreign_keys';
import * as marts from './0005_marts';
import * as tenants from './0006_tenants';
import * as apiKeys from './0007_api_keys';

/** Every migration, in order. Names are permanent: Kysely records them in kysely_migration. */
export const migrations: Record<string, Migration> = {
  '0001_warehouse': warehouse,
  '0002_ingest': ingest,
  '0003_data_quality': dataQuality,
  '0004_no_foreign_keys': noForeignKeys,
  '0005_marts': marts,
  '0006_tenants': tenants,
  '0007_api_keys': apiKeys,
};
