import type { Catalog } from '../../src/catalog/types';
import type { Warehouse } from '../../src/db';
import { kyselyRunner, refreshMarts, type RefreshReport } from '../../src/refresh';
import { realCatalog } from './api';

/** Build every mart of the catalog from scratch, as `pulse refresh --full` does (fixtures loaded with SQL, not ingest). */
export async function rebuildMarts(warehouse: Warehouse, catalog?: Catalog): Promise<RefreshReport> {
  const definitions = catalog ?? (await realCatalog());
  return warehouse.db.transaction().execute((trx) => refreshMarts(kyselyRunner(trx), definitions, { full: true }));
}
