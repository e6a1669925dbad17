export { openWarehouse, SESSION_OPTIONS, toExecutionError, type Warehouse, type WarehouseOptions, type Engine, type Row } from './warehouse';
export { migrateToLatest, pendingMigrations } from './migrate';
export { readDataVersion, bumpDataVersion, notifyStateChange, signalLocalChange, STATE_CHANNEL } from './data-version';
export type { ChangeFeed, ChangeHandlers } from './change-feed';
export type { WarehouseTables } from './schema';
export { readDemoState, resetWarehouse, writeDemoState, type DemoState } from './reset';
export { announceServer, runningServer } from './running-server';
