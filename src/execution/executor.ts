import type { CompiledQuery } from 'kysely';
import type { Row, Warehouse } from '../db';
import { cacheKey, type CachedResult, type ResultCache } from './result-cache';
import { readSnapshot, type WarehouseSnapshot } from './warehouse-state';

export interface ExecutionResult {
  readonly rows: readonly Row[];
  readonly cached: boolean;
  /** When the warehouse ran the statement (for a cached answer, the original run). */
  readonly computedAt: Date;
}

/**
 * Runs compiled queries against the warehouse through the result cache.
 * Identical queries in flight at the same time share one SQL statement.
 */
export class Executor {
  private readonly inFlight = new Map<string, Promise<CachedResult>>();

  constructor(
    readonly warehouse: Warehouse,
    readonly cache: ResultCache,
    readonly catalogHash: string,
    /** false with PULSE_MARTS=off: every answer from raw tables. */
    readonly martsEnabled = true,
  ) {}

  /** Read once per request: every answer of a request is computed against the same version and marts. */
  snapshot(): Promise<WarehouseSnapshot> {
    return readSnapshot(this.warehouse, this.martsEnabled);
  }

  async dataVersion(): Promise<string> {
    return (await this.snapshot()).dataVersion;
  }

  async run(query: CompiledQuery, dataVersion: string): Promise<ExecutionResult> {
    const key = cacheKey({ catalogHash: this.catalogHash, dataVersion, sql: query.sql, parameters: query.parameters });
    const hit = this.cache.get(key);
    if (hit) return { ...hit, cached: true };
    const pending = this.inFlight.get(key);
    if (pending) return { ...(await pending), cached: false };
    const promise = this.warehouse
      .run(query)
      .then((rows): CachedResult => ({ rows, computedAt: new Date() }))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    const result = await promise;
    this.cache.set(key, result);
    return { ...result, cached: false };
  }
}
