import { LRUCache } from 'lru-cache';
import type { Row } from '../db';
import { isOlderVersion } from './cache-key';

/** A statement's rows and when the warehouse produced them (SPEC §10 computedAt). */
export interface CachedResult {
  readonly rows: readonly Row[];
  readonly computedAt: Date;
}

/**
 * Level 1: result rows in this process, bounded in (approximate) bytes; the
 * key carries every version that could stale them. For stale-while-refresh it
 * also remembers, per statement, the key of its latest answer.
 */
export class ResultCache {
  private readonly lru: LRUCache<string, CachedResult>;
  private readonly latest: LRUCache<string, { readonly version: string; readonly key: string }>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, CachedResult>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (result, key) => estimateBytes(result.rows) + key.length * 2,
    });
    // Pointers only; the answers they name live (or are evicted) in lru.
    this.latest = new LRUCache({ maxSize: Math.max(1, Math.floor(maxBytes / 8)), sizeCalculation: (_, statement) => statement.length * 2 + 64 });
  }

  get(key: string): CachedResult | undefined {
    return this.lru.get(key);
  }

  set(key: string, result: CachedResult): void {
    // A result bigger than the whole cache is simply not kept.
    if (estimateBytes(result.rows) + key.length * 2 > this.lru.maxSize) return;
    this.lru.set(key, result);
  }

  /** Note `key` as the statement's answer for `version`, unless a later version's is noted already. */
  noteLatest(statement: string, version: string, key: string): void {
    const known = this.latest.get(statement);
    if (known && isOlderVersion(version, known.version)) return;
    this.latest.set(statement, { version, key });
  }

  /** The statement's latest answer still held, when it is for a version before `version`. */
  olderThan(statement: string, version: string): { version: string; result: CachedResult } | undefined {
    const known = this.latest.get(statement);
    if (!known || !isOlderVersion(known.version, version)) return undefined;
    const result = this.lru.get(known.key);
    return result && { version: known.version, result };
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
    this.latest.clear();
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
