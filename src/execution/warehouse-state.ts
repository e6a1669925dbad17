import type { MartsState, MartStatus } from '../compiler';
import { readDataVersion, toExecutionError, type Warehouse } from '../db';

/**
 * What one request computes against: the data version (part of every cache
 * key) and the marts state the compiler matches marts with. Read once per
 * request, so every answer of a request sees one version of the warehouse.
 */
export interface WarehouseSnapshot {
  readonly dataVersion: string;
  readonly marts: MartsState;
}

export async function readSnapshot(warehouse: Warehouse, martsEnabled: boolean): Promise<WarehouseSnapshot> {
  try {
    const [dataVersion, rows] = await Promise.all([
      readDataVersion(warehouse.db),
      warehouse.db.selectFrom('pulse_marts').select(['name', 'hash', 'data_version', 'rows', 'max_time']).execute(),
    ]);
    const marts = new Map<string, MartStatus>(
      rows.map((row) => [
        row.name,
        { hash: row.hash, dataVersion: row.data_version, rows: Number(row.rows), maxTime: row.max_time === null ? null : new Date(row.max_time) },
      ]),
    );
    return { dataVersion, marts: { enabled: martsEnabled, dataVersion, marts } };
  } catch (error) {
    throw toExecutionError(error);
  }
}
