import { LRUCache } from 'lru-cache';

/** What else an answer is keyed by besides the request: a hit needs all three to match. */
export interface AnswerPlace {
  readonly catalogHash: string;
  readonly scope?: string;
  readonly dataVersion: string;
}

interface Entry<T> extends AnswerPlace {
  readonly answer: T;
}

/**
 * Formatted answers (rows with their periods written in the query zone, the
 * display SQL), so a repeated request skips compiling and formatting. Keyed
 * like results, by catalog hash, scope, data version and the normalised
 * request; one entry per request and scope, for its latest version only (older
 * versions are never asked for again: stale answers come from the result
 * cache). The request key is used as it comes, so the string a request built
 * once is hashed once.
 */
export class AnswerCache<T extends object> {
  private readonly lru: LRUCache<string, Entry<T>>;

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, Entry<T>>({ maxSize: Math.max(1, maxBytes) });
  }

  get(request: string, place: AnswerPlace): T | undefined {
    const entry = this.lru.get(slot(request, place));
    if (!entry || entry.dataVersion !== place.dataVersion || entry.catalogHash !== place.catalogHash) return undefined;
    return entry.answer;
  }

  /** `bytes`: the answer's approximate size, which the caller knows best. */
  set(request: string, place: AnswerPlace, answer: T, bytes: number): void {
    const key = slot(request, place);
    const size = bytes + key.length * 2;
    if (size > this.lru.maxSize) return;
    this.lru.set(key, { ...place, answer }, { size });
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}

function slot(request: string, place: AnswerPlace): string {
  // Scoped answers never share a slot with another scope's (a NUL cannot start a request's JSON).
  return place.scope === undefined ? request : `\u0000${place.scope}\u0000${request}`;
}
