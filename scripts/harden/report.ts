/**
 * A check's outcome: whether it passed, one line of figures for the
 * terminal, every figure for --out, and the wall time.
 */

export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  /** Skipped checks pass (and say why). */
  readonly skipped?: string;
  readonly line: string;
  readonly figures: Readonly<Record<string, unknown>>;
  /** Why it failed, one reason per entry. */
  readonly problems: readonly string[];
  /** Findings that do not fail the check (an INTERNAL_SERVER_ERROR for a client's mistake, a missed latency target). */
  readonly warnings?: readonly string[];
  readonly seconds: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Counts by key; keys come out sorted, so two runs of one seed write the same JSON whatever the order of answers. */
export class Counter {
  private readonly map = new Map<string, number>();

  add(key: string, n = 1): void {
    this.map.set(key, (this.map.get(key) ?? 0) + n);
  }

  get counts(): Record<string, number> {
    return Object.fromEntries([...this.map].sort((a, b) => a[0].localeCompare(b[0])));
  }

  /** "A 12, B 3" by count, largest first. */
  text(limit = 12): string {
    const entries = [...this.map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = entries.slice(0, limit).map(([k, n]) => `${k} ${n}`);
    return entries.length > limit ? `${shown.join(', ')}, ... (${entries.length - limit} more)` : shown.join(', ');
  }
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Runs a check with its wall time; a check that throws fails with the error as its problem. */
export async function timedCheck(name: string, run: () => Promise<Omit<CheckResult, 'name' | 'seconds'>>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const result = await run();
    return { name, ...result, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { name, passed: false, line: `crashed: ${message.split('\n')[0] ?? ''}`, figures: { crash: message }, problems: [`crashed: ${message}`], seconds: (performance.now() - started) / 1000 };
  }
}
