import type { MartsState, MartStatus } from '../compiler';
import { readDataVersion, type Warehouse } from '../db';

/**
 * What every answer of a request is computed against: the data version (part
 * of every cache key) and the marts state the compiler matches marts with.
 * The marts state only changes with the data version: a refresh writes both
 * in one transaction.
 */
export interface WarehouseSnapshot {
  readonly dataVersion: string;
  readonly marts: MartsState;
}

/** The read behind WarehouseState (one round trip each for the version and the marts). */
export async function readWarehouseSnapshot(warehouse: Warehouse, martsEnabled: boolean): Promise<WarehouseSnapshot> {
  const [dataVersion, rows] = await Promise.all([
    readDataVersion(warehouse.db),
    warehouse.db.selectFrom('pulse_marts').select(['name', 'hash', 'data_version', 'rows', 'max_time']).execute(),
  ]);
  const marts = new Map<string, MartStatus>(
    rows.map((row) => [row.name, { hash: row.hash, dataVersion: row.data_version, rows: Number(row.rows), maxTime: row.max_time === null ? null : new Date(row.max_time) }]),
  );
  return { dataVersion, marts: { enabled: martsEnabled, dataVersion, marts } };
}
