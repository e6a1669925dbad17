import type { Warehouse } from '../db';
import type { Logger } from '../util/logger';
import type { VersionSnapshot, WarehouseState } from './warehouse-state';

export interface WatchOptions {
  /** The safety net: how often the state is read again even when nothing was heard. */
  readonly pollMs: number;
  readonly logger?: Logger;
}

/**
 * Keeps `state` current: every change heard on the warehouse's feed
 * invalidates it and starts a read, so a replica drops stale answers as soon
 * as a load by another process commits; a periodic read catches anything the
 * feed missed. Returns the function that stops watching.
 */
export async function watchWarehouseState<S extends VersionSnapshot>(
  warehouse: Warehouse,
  state: WarehouseState<S>,
  options: WatchOptions,
): Promise<() => Promise<void>> {
  let reported: boolean | undefined;
  const feed = await warehouse.watchChanges({
    onChange() {
      state.invalidate();
      state.refresh().catch(() => undefined); // a failed read is retried by the next request
    },
    onLive(live, error) {
      // Retries report every failure; the log says each change of state once.
      if (live === reported) return;
      const first = reported === undefined;
      reported = live;
      state.setLive(live);
      if (!live) options.logger?.warn({ error }, 'not listening for data version changes; reading the version per request until it is back');
      else if (!first) options.logger?.info({}, 'listening for data version changes again');
    },
  });
  // Read at start, so the first request finds it held (a failure here is the first request's to report).
  await state.refresh().catch(() => undefined);
  const timer = setInterval(() => void state.sync().catch(() => undefined), options.pollMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await feed.close();
  };
}
