import { ExecutionError } from '../util/errors';

/** Statements from marts are cheap (milliseconds); statements over raw tables may take seconds. */
export type Lane = 'light' | 'heavy';

export interface GateOptions {
  /** Statements running at once: the warehouse pool's size. */
  readonly size: number;
  /** Heavy statements running at once; the rest of `size` is kept for light ones. */
  readonly heavySlots: number;
  /** Statements waiting at most; one more is refused (WAREHOUSE_UNAVAILABLE) rather than queued without end. */
  readonly maxQueue: number;
  /** A statement waiting longer is given up (WAREHOUSE_UNAVAILABLE): the statement timeout only counts once it runs. */
  readonly maxWaitMs?: number;
}

/**
 * A bounded pool with queueing: at most `size` statements reach the
 * warehouse at once, and heavy ones never hold all of it, so a burst of
 * heavy requests cannot starve the cheap ones. Waiters start first come,
 * first served within what their lane may take.
 */
export class StatementGate {
  private readonly running: Record<Lane, number> = { light: 0, heavy: 0 };
  private readonly queue: Array<{ readonly lane: Lane; readonly start: () => void }> = [];

  constructor(private readonly options: GateOptions) {}

  /** Statements waiting for a slot (the pool-waiters gauge). */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    if (this.canStart(lane)) this.running[lane] += 1;
    else {
      if (this.queue.length >= this.options.maxQueue) {
        throw new ExecutionError('WAREHOUSE_UNAVAILABLE', `the warehouse is busy: ${this.queue.length} statements are waiting (PULSE_QUEUE_MAX); retry shortly`);
      }
      // drain() counts the statement as running before it starts.
      await new Promise<void>((start, reject) => {
        const waiter = { lane, start: () => { clearTimeout(timer); start(); } };
        const timer = setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(new ExecutionError('WAREHOUSE_UNAVAILABLE', `the warehouse is busy: no connection within ${this.options.maxWaitMs} ms; retry shortly`));
        }, this.options.maxWaitMs ?? 2_147_483_647);
        this.queue.push(waiter);
      });
    }
    try {
      return await work();
    } finally {
      this.running[lane] -= 1;
      this.drain();
    }
  }

  private canStart(lane: Lane): boolean {
    if (this.running.light + this.running.heavy >= this.options.size) return false;
    return lane === 'light' || this.running.heavy < this.options.heavySlots;
  }

  private drain(): void {
    for (let i = 0; i < this.queue.length; ) {
      const waiter = this.queue[i] as { readonly lane: Lane; readonly start: () => void };
      if (!this.canStart(waiter.lane)) {
        i += 1;
        continue;
      }
      this.queue.splice(i, 1);
      this.running[waiter.lane] += 1;
      waiter.start();
    }
  }
}

/** The gate for a pool of `size`: a quarter of it (at least one) kept for light statements. */
export function gateFor(size: number, maxQueue: number, maxWaitMs?: number): StatementGate {
  const reserved = Math.max(1, Math.floor(size / 4));
  return new StatementGate({ size, heavySlots: Math.max(1, size - reserved), maxQueue, maxWaitMs });
}
