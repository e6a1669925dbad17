import fs from 'node:fs';
import path from 'node:path';
import { generate } from '../../src/ingest/generate';
import type { DataSpec } from './options';
import { splitNewest } from './split-events';

/**
 * The generated data set of a DataSpec, cached under the cache dir in a
 * folder named by every option that shapes it, so a rerun skips generation.
 * A folder is complete when it holds dataset.json (written last, after an
 * atomic rename), so an interrupted run never leaves a half data set behind.
 */

export interface Dataset {
  readonly spec: DataSpec;
  readonly dir: string;
  readonly files: { readonly plans: string; readonly users: string; readonly churn: string; readonly eventsMain: string; readonly eventsRecent: string };
  readonly users: number;
  /** All events, main load plus held back. */
  readonly events: number;
  readonly mainEvents: number;
  readonly recentEvents: number;
  /** Held-back events are those at or after this instant (ISO, UTC). */
  readonly cut: string;
  /** Wall time of generating and splitting, or null when the cache had it. */
  readonly generatedMs: number | null;
}

type Summary = Omit<Dataset, 'dir' | 'files' | 'generatedMs'> & { readonly generatedMs: number };

/** Bump when the files of a spec change shape (generator or split), so old caches are not reused. */
const LAYOUT = 1;

export function datasetKey(spec: DataSpec): string {
  return `v${LAYOUT}-u${spec.users}-d${spec.days}-a${spec.activity}-s${spec.seed}-e${spec.endDate}`;
}

export async function prepareDataset(spec: DataSpec, cacheDir: string, log: (line: string) => void): Promise<Dataset> {
  const dir = path.join(cacheDir, datasetKey(spec));
  const manifest = path.join(dir, 'dataset.json');
  if (fs.existsSync(manifest)) {
    log(`data set: cached in ${dir}`);
    return withFiles(dir, JSON.parse(fs.readFileSync(manifest, 'utf8')) as Summary, null);
  }
  log(`data set: generating ${spec.users.toLocaleString('en-US')} users x ${spec.days} days (activity ${spec.activity}) into ${dir}`);
  const started = performance.now();
  const work = `${dir}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  try {
    const generated = await generate({ ...spec, out: work });
    const events = path.join(work, 'events.csv');
    const split = await splitNewest(events, path.join(work, 'events-main.csv'), path.join(work, 'events-recent.csv'));
    fs.rmSync(events);
    const summary: Summary = {
      spec,
      users: generated.files.users.rows,
      events: generated.files.events.rows,
      mainEvents: split.main,
      recentEvents: split.recent,
      cut: split.cut,
      generatedMs: performance.now() - started,
    };
    fs.writeFileSync(path.join(work, 'dataset.json'), `${JSON.stringify(summary, null, 2)}\n`);
    fs.mkdirSync(cacheDir, { recursive: true });
    try {
      fs.renameSync(work, dir);
    } catch (error) {
      // Another run finished the same data set first: use theirs.
      if (!fs.existsSync(manifest)) throw error;
      fs.rmSync(work, { recursive: true, force: true });
    }
    return withFiles(dir, summary, summary.generatedMs);
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

function withFiles(dir: string, summary: Summary, generatedMs: number | null): Dataset {
  const file = (name: string) => path.join(dir, name);
  return {
    ...summary,
    dir,
    files: { plans: file('plans.csv'), users: file('users.csv'), churn: file('churn.csv'), eventsMain: file('events-main.csv'), eventsRecent: file('events-recent.csv') },
    generatedMs,
  };
}
