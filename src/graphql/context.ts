import type DataLoader from 'dataloader';
import type { CompiledQuery } from 'kysely';
import { AuthError, LOCAL_ADMIN, type Principal } from '../auth';
import type { Catalog } from '../catalog/types';
import {
  createMetricsLoader,
  createStatementLoader,
  martsForTenant,
  readDataQuality,
  StatementTally,
  type CompileOptions,
  type DataQualityReport,
  type Executor,
  type MetricAnswer,
  type MetricQuery,
  type Provenance,
  type Statement,
  type StatementAnswer,
  type WarehouseSnapshot,
} from '../execution';

/** Per-request state: one warehouse snapshot (data version, marts) and one batching loader per request. */
export interface PulseContext {
  readonly catalog: Catalog;
  /** Who asks (SPEC §11); the local admin when auth is off. */
  readonly principal: Principal;
  readonly metricsLoader: DataLoader<MetricQuery, MetricAnswer, string>;
  /** Runs an analysis statement: cached, single-flight, deduplicated within the request. */
  readonly statements: DataLoader<Statement, StatementAnswer, string>;
  /** What the request's statements cost (SQL time, cache hits, sources), for its log line. */
  readonly tally: StatementTally;
  /**
   * Compiles with the request's marts state: first without it, so a bad
   * request reports its own error before anything reads the warehouse.
   */
  compile<T>(build: (options: CompileOptions) => T): Promise<T>;
  /** The request's one snapshot of warehouse state (data version, marts), taken when first asked for. */
  warehouseState(): Promise<WarehouseSnapshot>;
  /** The latest stored data test results (never cached: `pulse check` writes them outside the data version). */
  dataQuality(): Promise<DataQualityReport>;
}

/** A compiled analysis as the statement loader runs it. */
export function statementOf(compiled: { readonly query: CompiledQuery; readonly provenance: Provenance }): Statement {
  return { query: compiled.query, marts: compiled.provenance.marts, raw: compiled.provenance.raw };
}

/** A statement that reads raw tables only. */
export function rawStatement(query: CompiledQuery): Statement {
  return { query, marts: [], raw: true };
}

export interface ContextOptions {
  /** Who asks; default the local admin. A tenant's principal sees its tenant's rows only. */
  readonly principal?: Principal;
}



export function createContext(catalog: Catalog, executor: Executor, options: ContextOptions = {}): PulseContext {
  // One warehouse snapshot per request, taken when the first answer needs it: every answer
  // of the request is computed against the same data version and marts.
  let snapshot: Promise<WarehouseSnapshot> | undefined;
  const warehouseState = (): Promise<WarehouseSnapshot> => (snapshot ??= executor.snapshot());
  const dataVersion = async (): Promise<string> => (await warehouseState()).dataVersion;
  const principal = options.principal ?? LOCAL_ADMIN;
  const tenant = principal.tenant ?? undefined;
  const tally = new StatementTally();
  const scope = { tenant, tally };
  return {
    catalog,
    principal,
    tally,
    warehouseState,
    metricsLoader: createMetricsLoader(catalog, executor, warehouseState, scope),
    statements: createStatementLoader(executor, dataVersion, scope),
    async compile(build) {
      build({});
      // A tenant's analyses read per-user marts and raw tables through row-level security; marts that sum every tenant's users are left out.
      const { marts } = await warehouseState();
      return build({ marts: tenant === undefined ? marts : martsForTenant(catalog, marts) });
    },
    async dataQuality() {
      if (tenant !== undefined) throw new AuthError('FORBIDDEN', "data tests run over every tenant's rows: dataQuality is answered without a tenant only");
      return readDataQuality(executor.warehouse, catalog);
    },
  };
}
