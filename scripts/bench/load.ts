import { progressReporter } from '../../src/cli/progress';
import { ingest, type FileSummary, type IngestInput } from '../../src/ingest';
import type { Bench, Figure, StepResult } from './bench';
import { timed } from './timing';

/**
 * Loads through `ingest`, as `pulse ingest` does (every row rule checked,
 * COPY, ANALYZE, data version bump): plans, users and churn first, then the
 * main events file on its own so its time is the events' alone, and later
 * the held-back newest ~1%. Rates are rows loaded per second of the whole
 * ingest call.
 */

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function load(bench: Bench, inputs: readonly IngestInput[]): Promise<{ files: FileSummary[]; ms: number }> {
  // The generated data ends before now on a machine whose clock is right; this keeps it so on one that is not.
  const now = Math.max(Date.now(), Date.parse(`${bench.options.data.endDate}T00:00:00Z`) + 2 * 86_400_000);
  const progress = progressReporter(process.stderr);
  const { scratch } = bench;
  const run = await timed(() => ingest(scratch.warehouse, scratch.databaseUrl, inputs, { catalog: bench.catalog, now, onBatch: progress.onBatch }).finally(progress.done));
  for (const file of run.value.files) {
    const rejected = Object.values(file.rejected).reduce((a, b) => a + (b ?? 0), 0);
    if (rejected > 0 || file.duplicates > 0) bench.log(`warning: ${file.kind} had ${rejected} rejected and ${file.duplicates} duplicate rows`);
  }
  return { files: run.value.files, ms: run.ms };
}

function eventsFigure(label: string, files: readonly FileSummary[], ms: number): Figure {
  const loaded = files.reduce((n, f) => n + f.loaded, 0);
  return { label, value: `${fmt(loaded)} events in ${(ms / 1000).toFixed(2)} s: ${fmt((loaded * 1000) / ms)} events/s` };
}

export async function loadMain(bench: Bench): Promise<StepResult> {
  const { files } = bench.dataset;
  const people = await load(bench, [
    { kind: 'plans', file: files.plans },
    { kind: 'users', file: files.users },
    { kind: 'churn', file: files.churn },
  ]);
  const counts = Object.fromEntries(people.files.map((f) => [f.kind, f.loaded]));
  const events = await load(bench, [{ kind: 'events', file: files.eventsMain }]);
  return {
    figures: [
      { label: 'ingest plans, users, churn', value: `${fmt(counts.users ?? 0)} users, ${fmt(counts.churn ?? 0)} churn rows in ${(people.ms / 1000).toFixed(2)} s` },
      eventsFigure('ingest events, main load (all but the newest ~1%)', events.files, events.ms),
    ],
  };
}

export async function loadHeldBack(bench: Bench): Promise<StepResult> {
  const events = await load(bench, [{ kind: 'events', file: bench.dataset.files.eventsRecent }]);
  return { figures: [eventsFigure(`ingest events, held-back newest ~1% (from ${bench.dataset.cut})`, events.files, events.ms)] };
}
