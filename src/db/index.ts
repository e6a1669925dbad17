export { openWarehouse, toExecutionError, type Warehouse, type WarehouseOptions, type Engine, type Row } from './warehouse';
export { migrateToLatest } from './migrate';
export { readDataVersion, bumpDataVersion, notifyStateChange, STATE_CHANNEL } from './data-version';
export type { ChangeFeed, ChangeHandlers } from './change-feed';
export type { WarehouseTables } from './schema';
