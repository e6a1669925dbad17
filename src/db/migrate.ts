import { Migrator, type Kysely } from 'kysely';
import type { WarehouseTables } from './schema';
import { migrations } from '../../migrations';

/** Apply every pending migration in migrations/; returns the names applied. */
export async function migrateToLatest(db: Kysely<WarehouseTables>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    // Before any migration ran, the warehouse was not reached at all: say that, not "Migration failed".
    if (!failed) throw error;
    throw new Error(`Migration ${failed.migrationName} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations of migrations/ not applied to the warehouse (reads kysely_migration; throws when it cannot reach it). */
export async function pendingMigrations(db: Kysely<WarehouseTables>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
