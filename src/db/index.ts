export { openWarehouse, SESSION_OPTIONS, toExecutionError, type Warehouse, type WarehouseOptions, type Engine, type Row } from './warehouse';
export { migrateToLatest } from './migrate';
export { readDataVersion, bumpDataVersion } from './data-version';
export type { WarehouseTables } from './schema';
