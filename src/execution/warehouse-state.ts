/** What the state holder needs of a snapshot: its data version (warehouse-snapshot.ts has the whole of it). */
export interface VersionSnapshot {
  readonly dataVersion: string;
}

/**
 * The warehouse state held in memory, so a request costs no round trip to
 * learn the data version. It is read again (by the `read` function given)
 * when told that it changed (`invalidate`, from NOTIFY or a bump in this
 * process), and on every request while changes cannot be heard (`live` false:
 * say the LISTEN connection dropped), as before there was a feed.
 */
export class WarehouseState<S extends VersionSnapshot = VersionSnapshot> {
  private snapshot: Promise<S> | null = null;
  /** Incremented by every invalidate: a read started before it cannot clear it. */
  private generation = 0;
  private freshFor = -1;
  private reading: { readonly generation: number; readonly promise: Promise<S> } | null = null;
  private isLive = false;
  private readCount = 0;

  constructor(private readonly readState: () => Promise<S>) {}

  get live(): boolean {
    return this.isLive;
  }

  /** How many times the state was read from the warehouse (it should be rare: that is the point). */
  get reads(): number {
    return this.readCount;
  }

  /** The snapshot to answer with: the held one when it is known to be current, else a fresh read. */
  current(): Promise<S> {
    if (this.isLive && this.snapshot && this.freshFor === this.generation) return this.snapshot;
    return this.refresh();
  }

  /** The state changed: the next current() reads it again. */
  invalidate(): void {
    this.generation += 1;
  }

  setLive(live: boolean): void {
    this.isLive = live;
  }

  /** Read now; concurrent callers of one generation share the read. */
  refresh(): Promise<S> {
    const generation = this.generation;
    if (this.reading?.generation === generation) return this.reading.promise;
    const promise = this.read().then((snapshot) => {
      this.keep(snapshot, generation);
      return snapshot;
    });
    const reading = { generation, promise };
    this.reading = reading;
    const done = () => {
      if (this.reading === reading) this.reading = null;
    };
    promise.then(done, done);
    return promise;
  }

  /**
   * The safety net: read in the background and keep what it finds, without
   * making requests wait for it (a missed notification is caught within one period).
   */
  async sync(): Promise<void> {
    const generation = this.generation;
    this.keep(await this.read(), generation);
  }

  private read(): Promise<S> {
    this.readCount += 1;
    return this.readState();
  }

  private keep(snapshot: S, generation: number): void {
    // A read older than the one held, or than an invalidation since, is not current.
    if (generation < this.freshFor || generation < this.generation) return;
    this.snapshot = Promise.resolve(snapshot);
    this.freshFor = generation;
  }
}
