import { LRUCache } from 'lru-cache';
import type { Row } from '../db';

export interface CacheKeyParts {
  readonly catalogHash: string;
  readonly dataVersion: string;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export function cacheKey(parts: CacheKeyParts): string {
  return JSON.stringify([parts.catalogHash, parts.dataVersion, parts.sql, parts.parameters]);
}

/** A statement's rows and when the warehouse produced them (SPEC §10 computedAt). */
export interface CachedResult {
  readonly rows: readonly Row[];
  readonly computedAt: Date;
}

/** Result rows bounded in (approximate) bytes; the key carries every version that could stale them. */
export class ResultCache {
  private readonly lru: LRUCache<string, CachedResult>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, CachedResult>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (result, key) => estimateBytes(result.rows) + key.length * 2,
    });
  }

  get(key: string): CachedResult | undefined {
    return this.lru.get(key);
  }

  set(key: string, result: CachedResult): void {
    // A result bigger than the whole cache is simply not kept.
    if (estimateBytes(result.rows) + key.length * 2 > this.lru.maxSize) return;
    this.lru.set(key, result);
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}

function estimateBytes(rows: readonly Row[]): number {
  let bytes = 64;
  for (const row of rows) {
    for (const value of Object.values(row)) bytes += typeof value === 'string' ? 16 + value.length * 2 : 16;
    bytes += 32;
  }
  return bytes;
}
