import type { CompiledQuery } from 'kysely';
import { toExecutionError, type Row, type Warehouse } from '../db';
import { cacheKey, statementKey, type StatementKeyParts } from './cache-key';
import type { LocalCache } from './local-cache';
import type { RedisResultStore } from './redis-store';
import { RequestRefusal } from '../util/errors';
import type { Lane, StatementGate } from './statement-gate';
import type { RunScope } from './statement-tally';
import type { TenantShadow } from './tenant-shadow';
import type { CachedResult } from './result-cache';
import type { WarehouseSnapshot } from './warehouse-snapshot';
import type { WarehouseState } from './warehouse-state';

export interface ExecutionResult {
  readonly rows: readonly Row[];
  readonly cached: boolean;
  /** When the warehouse ran the statement (for a cached answer, the original run). */
  readonly computedAt: Date;
  /** The version the rows were computed for: the request's, or an older one when served stale. */
  readonly dataVersion: string;
}

/** A result as fetched: with the warehouse time when the warehouse ran it. */
type Fetched = ExecutionResult & { readonly warehouseMs?: number };

export interface ExecutorOptions {
  /** The warehouse state in memory (data version), kept current by watchWarehouseState. */
  readonly state: WarehouseState<WarehouseSnapshot>;
  /** The shared second level; null for in-process caching only. */
  readonly store?: RedisResultStore | null;
  /**
   * On a miss for the current version, answer at once with the statement's
   * latest answer for an older version (saying which) and recompute it in
   * the background, so the next request gets the fresh one.
   */
  readonly staleWhileRefresh?: boolean;
  /** Row-level security for tenants' statements (SPEC §11); without it a tenant's statement is refused. */
  readonly tenants?: TenantShadow;
  /** Told of every statement answered (from a cache or the warehouse) and every warehouse failure, for metrics. */
  readonly observer?: StatementObserver;
  /** Bounds the statements reaching the warehouse at once, keeping room for light ones; absent: the pool's own queue only. */
  readonly gate?: StatementGate;
  /** An answer of more rows is refused (QUERY_TOO_COMPLEX) and not cached; absent: no limit. */
  readonly maxRows?: number;
}

export interface StatementObserver {
  answered(from: 'cache' | 'warehouse', rows: number, warehouseMs: number): void;
  failed(code: string): void;
}

/**
 * Runs compiled queries against the warehouse through the cache levels: this
 * process (L1), then Redis (L2) when configured, then the warehouse; answers
 * are written to both levels. Identical queries in flight share one lookup
 * and one SQL statement.
 */
export class Executor {
  private readonly inFlight = new Map<string, Promise<Fetched>>();
  private readonly store: RedisResultStore | null;

  constructor(
    readonly warehouse: Warehouse,
    readonly cache: LocalCache,
    readonly catalogHash: string,
    private readonly options: ExecutorOptions,
  ) {
    this.store = options.store ?? null;
  }

  get state(): WarehouseState<WarehouseSnapshot> {
    return this.options.state;
  }

  /** Whether the shared level (Redis) is connected; false without one. */
  get sharedReady(): boolean {
    return this.store?.ready ?? false;
  }

  /** The state to answer with; read once per request, so every answer of a request uses one version. */
  async snapshot(): Promise<WarehouseSnapshot> {
    try {
      return await this.options.state.current();
    } catch (error) {
      throw toExecutionError(error);
    }
  }

  async dataVersion(): Promise<string> {
    return (await this.snapshot()).dataVersion;
  }

  /**
   * `scope.tenant`: the statement is run as that tenant sees the warehouse
   * (tenant-shadow.ts); its answers are cached apart from everyone else's.
   * `lane`: heavy (raw tables) or light (marts) in the gate.
   */
  async run(compiled: CompiledQuery, dataVersion: string, scope: RunScope = {}, lane: Lane = 'heavy'): Promise<ExecutionResult> {
    const { tenant, tally } = scope;
    const query = tenant === undefined ? compiled : this.tenantView(compiled, tenant);
    const parts: StatementKeyParts = { catalogHash: this.catalogHash, scope: scopeOf(tenant), sql: query.sql, parameters: query.parameters };
    const key = cacheKey({ ...parts, dataVersion });
    const hit = this.cache.results.get(key);
    if (hit) {
      this.options.observer?.answered('cache', hit.rows.length, 0);
      tally?.answered('cache', hit.rows.length, 0);
      return { ...hit, cached: true, dataVersion };
    }
    const result = await this.lookup(query, parts, key, dataVersion, lane);
    tally?.answered(result.cached ? 'cache' : 'warehouse', result.rows.length, result.warehouseMs ?? 0);
    return result;
  }

  private async lookup(query: CompiledQuery, parts: StatementKeyParts, key: string, dataVersion: string, lane: Lane): Promise<Fetched> {
    const statement = statementKey(parts);
    if (this.options.staleWhileRefresh) {
      const older = this.cache.results.olderThan(statement, dataVersion);
      if (older) {
        this.refresh(key, () => this.fetch(query, parts, statement, dataVersion, false, lane));
        return { ...older.result, cached: true, dataVersion: older.version };
      }
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const result = await this.flight(key, () => this.fetch(query, parts, statement, dataVersion, this.options.staleWhileRefresh === true, lane));
    if (result.dataVersion !== dataVersion) this.refresh(key, () => this.fetch(query, parts, statement, dataVersion, false, lane));
    return result;
  }

  private tenantView(query: CompiledQuery, tenant: string): CompiledQuery {
    if (!this.options.tenants) throw new Error('tenant-scoped statement without row-level security');
    return this.options.tenants.apply(query, tenant);
  }

  /** Resolves when no lookup or background refresh is under way (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /** L2, then (stale allowed) an older shared answer, then the warehouse. */
  private async fetch(query: CompiledQuery, parts: StatementKeyParts, statement: string, dataVersion: string, stale: boolean, lane: Lane): Promise<Fetched> {
    const key = cacheKey({ ...parts, dataVersion });
    const shared = await this.store?.get(key);
    if (shared) {
      this.keep(key, statement, dataVersion, shared);
      return { ...shared, cached: true, dataVersion };
    }
    const older = stale ? await this.store?.older(parts, statement, dataVersion) : undefined;
    if (older) {
      this.keep(cacheKey({ ...parts, dataVersion: older.version }), statement, older.version, older.result);
      return { ...older.result, cached: true, dataVersion: older.version };
    }
    let rows: readonly Row[];
    let warehouseMs = 0;
    try {
      rows = await this.runGated(lane, async () => {
        const started = performance.now();
        const answer = await this.warehouse.run(query);
        warehouseMs = performance.now() - started;
        return answer;
      });
    } catch (error) {
      this.options.observer?.failed(toExecutionError(error).code);
      throw error;
    }
    this.options.observer?.answered('warehouse', rows.length, warehouseMs);
    const { maxRows } = this.options;
    if (maxRows !== undefined && rows.length > maxRows) {
      throw new RequestRefusal('QUERY_TOO_COMPLEX', `the answer has ${rows.length} rows, over the limit of ${maxRows} (PULSE_MAX_ROWS): ask for a coarser grain, fewer dimensions or a shorter range`);
    }
    const result: CachedResult = { rows, computedAt: new Date() };
    this.keep(key, statement, dataVersion, result);
    await this.store?.set(key, statement, dataVersion, result);
    return { ...result, cached: false, dataVersion, warehouseMs };
  }

  private runGated<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    return this.options.gate ? this.options.gate.run(lane, work) : work();
  }

  private keep(key: string, statement: string, dataVersion: string, result: CachedResult): void {
    this.cache.results.set(key, result);
    if (this.options.staleWhileRefresh) this.cache.results.noteLatest(statement, dataVersion, key);
  }

  private flight(key: string, work: () => Promise<Fetched>): Promise<Fetched> {
    const promise = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Single-flight background recomputation; its failure leaves the stale answer to be served and retried. */
  private refresh(key: string, work: () => Promise<Fetched>): void {
    if (this.inFlight.has(key)) return;
    this.flight(key, work).catch(() => undefined);
  }
}

/** The cache scope of a tenant's answers: never shared with another tenant's or an admin's. */
export function scopeOf(tenant: string | undefined): string | undefined {
  return tenant === undefined ? undefined : `tenant:${tenant}`;
}
