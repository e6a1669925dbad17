import type { PGlite } from '@electric-sql/pglite';

/** What a Pulse process hears about warehouse state changed by anyone (itself, another replica, `pulse ingest`). */
export interface ChangeHandlers {
  /** Something changed: re-read the state. */
  onChange(): void;
  /**
   * Whether changes are being heard. While not live a change can go unheard,
   * so the state must be read again per request. `error` says why it was lost.
   */
  onLive(live: boolean, error?: unknown): void;
}

export interface ChangeFeed {
  close(): Promise<void>;
}

/**
 * PGlite is one process (its directory is locked), and its notifications are
 * delivered synchronously when the notifying transaction commits: before the
 * bump's own promise resolves, so the next request already sees it.
 */
export async function watchPglite(pglite: PGlite, channel: string, handlers: ChangeHandlers): Promise<ChangeFeed> {
  const unlisten = await pglite.listen(channel, () => handlers.onChange());
  handlers.onLive(true);
  return {
    async close() {
      // The instance may already be closed with the warehouse; nothing is left to unlisten then.
      if (!pglite.closed) await unlisten();
    },
  };
}
