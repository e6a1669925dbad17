import { createHash } from 'node:crypto';
import { createClient } from '@redis/client';
import type { Logger } from '../util/logger';
import { cacheKey, isOlderVersion, type StatementKeyParts } from './cache-key';
import { decodeResult, encodeResult } from './result-codec';
import type { CachedResult } from './result-cache';

export interface RedisStoreOptions {
  readonly url: string;
  /** Every key starts with it: replicas of one deployment share it, tests use their own. */
  readonly prefix: string;
  readonly ttlSeconds: number;
  /** An encoded result longer than this is kept in-process only. */
  readonly maxEntryBytes: number;
  /** A command slower than this counts as a miss; the warehouse answers instead. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * The shared, second cache level. It never fails a query: every error (down,
 * slow, a bad entry) is a miss or a skipped write, logged once until Redis is
 * back. Entries are keyed by the SHA-256 of the full cache key, which the
 * entry repeats and the read checks; a `latest` pointer per statement names
 * the version last written, for stale-while-refresh.
 */
export class RedisResultStore {
  private readonly client: ReturnType<typeof createClient>;
  private down = false;

  constructor(private readonly options: RedisStoreOptions) {
    this.client = createClient({
      url: options.url,
      // Fail at once while disconnected instead of queueing behind a reconnect.
      disableOfflineQueue: true,
      commandOptions: { timeout: options.timeoutMs ?? 200 },
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
    });
    this.client.on('error', (error: unknown) => this.failed(error));
    this.client.on('ready', () => this.ok());
    // Connects (and reconnects) in the background; until then every call is a miss.
    this.client.connect().catch((error: unknown) => this.failed(error));
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  /**
   * Resolves once connected, or at the first failure, or after `timeoutMs`:
   * a new replica shares answers from its first request when Redis is up, and
   * starts at once when it is not.
   */
  settle(timeoutMs: number): Promise<void> {
    if (this.client.isReady || this.down) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        this.client.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.client.on('ready', done);
      this.client.on('error', done);
    });
  }

  async get(key: string): Promise<CachedResult | undefined> {
    if (!this.client.isReady) return undefined;
    try {
      const text = await this.client.get(this.entryKey(key));
      this.ok();
      return (text && decodeResult(key, text)) || undefined;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  /** The latest shared answer of the statement for a version before `dataVersion`, if any. */
  async older(parts: StatementKeyParts, statement: string, dataVersion: string): Promise<{ version: string; result: CachedResult } | undefined> {
    if (!this.client.isReady) return undefined;
    try {
      const version = await this.client.get(this.latestKey(statement));
      if (!version || !isOlderVersion(version, dataVersion)) return undefined;
      const result = await this.get(cacheKey({ ...parts, dataVersion: version }));
      return result && { version, result };
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  async set(key: string, statement: string, dataVersion: string, result: CachedResult): Promise<void> {
    if (!this.client.isReady) return;
    const text = encodeResult(key, result);
    if (text === null || Buffer.byteLength(text) > this.options.maxEntryBytes) return;
    try {
      const ttl = { EX: this.options.ttlSeconds };
      await this.client.multi().set(this.entryKey(key), text, ttl).set(this.latestKey(statement), dataVersion, ttl).exec();
      this.ok();
    } catch (error) {
      this.failed(error);
    }
  }

  async close(): Promise<void> {
    // A graceful close would wait for a reconnect that may never come.
    if (this.client.isReady) await this.client.close().catch(() => undefined);
    else if (this.client.isOpen) this.client.destroy();
  }

  private entryKey(key: string): string {
    return `${this.options.prefix}r:${sha256(key)}`;
  }

  private latestKey(statement: string): string {
    return `${this.options.prefix}l:${sha256(statement)}`;
  }

  private ok(): void {
    if (!this.down) return;
    this.down = false;
    this.options.logger?.info({}, 'Redis is back: sharing cached answers again');
  }

  private failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.options.logger?.warn({ error }, 'Redis is unavailable: caching in this process only until it is back');
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
