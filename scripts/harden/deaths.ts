/**
 * The server runs in this process, so anything that would have killed it
 * (an uncaught exception, an unhandled rejection) lands here: counted and
 * kept, and the run goes on so every check still reports.
 */
export class Deaths {
  uncaughtExceptions = 0;
  unhandledRejections = 0;
  readonly samples: string[] = [];

  install(): void {
    process.on('uncaughtException', (error) => this.record('uncaughtException', error));
    process.on('unhandledRejection', (reason) => this.record('unhandledRejection', reason));
  }

  get total(): number {
    return this.uncaughtExceptions + this.unhandledRejections;
  }

  private record(kind: 'uncaughtException' | 'unhandledRejection', error: unknown): void {
    if (kind === 'uncaughtException') this.uncaughtExceptions += 1;
    else this.unhandledRejections += 1;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (this.samples.length < 5) this.samples.push(`${kind}: ${text}`);
    process.stderr.write(`harden: ${kind}: ${text}\n`);
  }
}
