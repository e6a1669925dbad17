import type DataLoader from 'dataloader';
import type { CompiledQuery } from 'kysely';
import type { Catalog } from '../catalog/types';
import {
  createMetricsLoader,
  createStatementLoader,
  readDataQuality,
  type DataQualityReport,
  type Executor,
  type MetricAnswer,
  type MetricQuery,
  type Statement,
  type StatementAnswer,
  type WarehouseSnapshot,
} from '../execution';

/** Per-request state: one data version and one batching loader per request. */
export interface PulseContext {
  readonly catalog: Catalog;
  readonly metricsLoader: DataLoader<MetricQuery, MetricAnswer, string>;
  /** Runs an analysis statement: cached, single-flight, deduplicated within the request. */
  readonly statements: DataLoader<Statement, StatementAnswer, string>;
  /** The request's one snapshot of warehouse state (data version, ...), taken when first asked for. */
  warehouseState(): Promise<WarehouseSnapshot>;
  /** The latest stored data test results (never cached: `pulse check` writes them outside the data version). */
  dataQuality(): Promise<DataQualityReport>;
}

/** A statement that reads raw tables only. */
export function rawStatement(query: CompiledQuery): Statement {
  return { query, marts: [], raw: true };
}

export interface ContextOptions {
  /** Whose answers these are (a tenant, later): part of every cache key. */
  readonly scope?: string;
}

export function createContext(catalog: Catalog, executor: Executor, options: ContextOptions = {}): PulseContext {
  // One warehouse snapshot per request, taken when the first answer needs it: every answer
  // of the request is computed against the same data version.
  let snapshot: Promise<WarehouseSnapshot> | undefined;
  const warehouseState = (): Promise<WarehouseSnapshot> => (snapshot ??= executor.snapshot());
  const dataVersion = async (): Promise<string> => (await warehouseState()).dataVersion;
  return {
    catalog,
    warehouseState,
    metricsLoader: createMetricsLoader(catalog, executor, dataVersion, options.scope),
    statements: createStatementLoader(executor, dataVersion, options.scope),
    dataQuality: () => readDataQuality(executor.warehouse, catalog),
  };
}
