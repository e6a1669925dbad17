import { progressReporter } from '../../src/cli/progress';
import { ingest, type FileSummary, type IngestInput } from '../../src/ingest';
import { kyselyRunner, refreshMarts, summariseRefresh, type RefreshReport } from '../../src/refresh';
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

interface Loaded {
  readonly files: FileSummary[];
  readonly refreshes: RefreshReport[];
  readonly ms: number;
}

async function load(bench: Bench, inputs: readonly IngestInput[]): Promise<Loaded> {
  // The generated data ends before now on a machine whose clock is right; this keeps it so on one that is not.
  const now = Math.max(Date.now(), Date.parse(`${bench.options.data.endDate}T00:00:00Z`) + 2 * 86_400_000);
  const progress = progressReporter(process.stderr);
  const { scratch } = bench;
  const run = await timed(() => ingest(scratch.warehouse, scratch.databaseUrl, inputs, { catalog: bench.catalog, now, onBatch: progress.onBatch }).finally(progress.done));
  for (const file of run.value.files) {
    const rejected = Object.values(file.rejected).reduce((a, b) => a + (b ?? 0), 0);
    if (rejected > 0 || file.duplicates > 0) bench.log(`warning: ${file.kind} had ${rejected} rejected and ${file.duplicates} duplicate rows`);
  }
  return { files: run.value.files, refreshes: run.value.refreshes, ms: run.ms };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The marts' refresh of a load, in one phrase. */
function refreshOf(refreshes: readonly RefreshReport[]): { ms: number; modes: string } {
  const { ms, modes, slowest } = summariseRefresh(refreshes.flatMap((r) => r.marts));
  return { ms, modes: modes && slowest ? `${modes}; slowest ${slowest}` : modes };
}

function eventsFigure(label: string, run: Loaded): Figure {
  const loaded = run.files.reduce((n, f) => n + f.loaded, 0);
  const refresh = refreshOf(run.refreshes);
  return {
    label,
    value: `${fmt(loaded)} events in ${seconds(run.ms)}: ${fmt((loaded * 1000) / run.ms)} events/s with mart maintenance; of which the marts' refresh ${seconds(refresh.ms)} (${refresh.modes || 'no marts'})`,
  };
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
      eventsFigure('ingest events, main load (all but the newest ~1%)', events),
    ],
  };
}

/**
 * The held-back newest ~1%, then `pulse refresh --full` on everything loaded,
 * against which that load's refresh is compared (target: at most 5%).
 */
export async function loadHeldBack(bench: Bench): Promise<StepResult> {
  const events = await load(bench, [{ kind: 'events', file: bench.dataset.files.eventsRecent }]);
  const refreshMs = refreshOf(events.refreshes).ms;
  const run = await timed(() => bench.scratch.warehouse.db.transaction().execute((trx) => refreshMarts(kyselyRunner(trx), bench.catalog, { full: true })));
  const { slowest } = summariseRefresh(run.value.marts);
  const figures: Figure[] = [
    eventsFigure(`ingest events, held-back newest ~1% (from ${bench.dataset.cut})`, events),
    { label: 'full rebuild of every mart (pulse refresh --full)', value: `${run.value.marts.length} marts in ${seconds(run.ms)} (slowest: ${slowest})` },
    { label: 'refresh after +1% events / full rebuild', value: `${seconds(refreshMs)} / ${seconds(run.ms)} = ${((100 * refreshMs) / run.ms).toFixed(1)}%` },
  ];
  return { figures };
}
