/**
 * What must be undone whatever happens (PostgreSQL started again, servers
 * stopped, scratch databases dropped, files removed): registered as it is
 * made, run once in reverse order, from `finally` or on SIGINT / SIGTERM.
 */

type Undo = { readonly label: string; readonly run: () => Promise<void> };

export class Cleanup {
  private readonly undos: Undo[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly log: (line: string) => void) {}

  add(label: string, run: () => Promise<void>): void {
    this.undos.push({ label, run });
  }

  /** Runs every undo once, newest first; a failing one is logged and the rest still run. */
  run(): Promise<void> {
    return (this.running ??= (async () => {
      for (const undo of this.undos.reverse()) {
        try {
          this.log(`cleanup: ${undo.label}`);
          await undo.run();
        } catch (error) {
          this.log(`cleanup: ${undo.label} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());
  }

  /** On SIGINT / SIGTERM: clean up, then exit 130. Later signals wait for the cleanup (a stopped PostgreSQL must start again). */
  onSignals(): void {
    const handler = (signal: NodeJS.Signals) => {
      this.log(this.running ? `${signal} again: still cleaning up` : `${signal}: cleaning up`);
      void this.run().finally(() => process.exit(130));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }
}
