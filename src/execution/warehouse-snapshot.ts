import { readDataVersion, type Warehouse } from '../db';
import type { WarehouseSnapshot } from './warehouse-state';

/** The read behind WarehouseState: one round trip for everything a snapshot holds. Widen both together. */
export async function readWarehouseSnapshot(warehouse: Warehouse): Promise<WarehouseSnapshot> {
  return { dataVersion: await readDataVersion(warehouse.db) };
}
