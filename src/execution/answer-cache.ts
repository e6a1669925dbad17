import { LRUCache } from 'lru-cache';

/**
 * Formatted answers (rows with their periods written in the query zone, the
 * display SQL), so a repeated request skips compiling and formatting. Keyed
 * like results: catalog hash, scope, data version and the normalised request.
 */
export class AnswerCache<T extends object> {
  private readonly lru: LRUCache<string, T>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, T>({ maxSize: Math.max(1, maxBytes) });
  }

  get(key: string): T | undefined {
    return this.lru.get(key);
  }

  /** `bytes`: the answer's approximate size, which the caller knows best. */
  set(key: string, answer: T, bytes: number): void {
    if (bytes + key.length * 2 > this.lru.maxSize) return;
    this.lru.set(key, answer, { size: bytes + key.length * 2 });
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}
