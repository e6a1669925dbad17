import pg from 'pg';
import type { ChangeFeed, ChangeHandlers } from './change-feed';

export interface ListenOptions {
  /** First and longest wait between reconnection attempts. */
  readonly retryMs?: { readonly min: number; readonly max: number };
}

/**
 * LISTEN on a dedicated PostgreSQL connection (a pooled one would be handed
 * to queries and lose its LISTEN). When it drops, handlers hear `onLive(false)`
 * and it reconnects with backoff; once listening again they hear
 * `onLive(true)` and `onChange()`, since a change may have gone unheard meanwhile.
 * Resolves after the first attempt, whether it listens or not.
 */
export async function listenPostgres(url: string, channel: string, handlers: ChangeHandlers, options: ListenOptions = {}): Promise<ChangeFeed> {
  const retry = options.retryMs ?? { min: 200, max: 5_000 };
  let client: pg.Client | null = null;
  let closed = false;
  let delay = retry.min;
  let timer: NodeJS.Timeout | null = null;

  const lost = (dead: pg.Client, error: unknown): void => {
    if (client !== dead) return; // already handled ('error' and 'end' both come)
    client = null;
    dead.end().catch(() => undefined);
    if (closed) return;
    handlers.onLive(false, error);
    schedule();
  };

  const schedule = (): void => {
    timer = setTimeout(() => void attempt(), delay);
    timer.unref();
    delay = Math.min(delay * 2, retry.max);
  };

  const attempt = async (): Promise<void> => {
    const candidate = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    candidate.on('notification', (message) => {
      if (message.channel === channel) handlers.onChange();
    });
    // Ignored until it is the live client; without a listener an 'error' would crash the process.
    candidate.on('error', (error) => lost(candidate, error));
    candidate.on('end', () => lost(candidate, new Error('the LISTEN connection ended')));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN "${channel}"`);
    } catch (error) {
      candidate.end().catch(() => undefined);
      if (closed) return;
      handlers.onLive(false, error);
      return schedule();
    }
    if (closed) return void (await candidate.end().catch(() => undefined));
    client = candidate;
    delay = retry.min;
    handlers.onLive(true);
    handlers.onChange();
  };

  await attempt();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
