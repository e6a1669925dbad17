import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { bumpDataVersion, type Warehouse } from '../db';
import { IngestError } from '../util/errors';
import { isKind, KINDS, type Kind } from './kinds';
import { loadFile, type FileSummary, type Progress } from './load';
import { formatOf } from './read';
import { withSession } from './session';

export { KINDS, isKind, type Kind } from './kinds';
export { REJECT_RULES, type RejectCode } from './rules';
export type { FileSummary, Progress } from './load';

export interface IngestInput {
  readonly kind: Kind;
  readonly file: string;
  readonly format?: string;
}

export interface IngestOptions {
  /** Rows per transaction (default 20,000). */
  readonly batchSize?: number;
  /** "Now" for TIMESTAMP_IN_FUTURE, in ms (default Date.now()). */
  readonly now?: number;
  readonly onBatch?: (progress: Progress) => void;
  /** Test hook: called after every committed batch; throwing simulates a load killed midway. */
  readonly afterCommit?: () => void;
}

export interface IngestResult {
  readonly files: FileSummary[];
  /** The data version after the load (unchanged when nothing loaded). */
  readonly dataVersion: string | null;
}

/**
 * Load files in dependency order (plans, users, events, churn) and bump the data
 * version once if any row loaded, so cached answers are never served stale. A
 * failure after some batches committed still bumps before rethrowing.
 */
export async function ingest(warehouse: Warehouse, databaseUrl: string | null, inputs: readonly IngestInput[], options: IngestOptions = {}): Promise<IngestResult> {
  for (const input of inputs) {
    if (!fs.existsSync(input.file)) throw new IngestError('FILE_NOT_FOUND', `no such file: ${input.file}`);
    formatOf(input.file, input.format);
  }
  const ordered = [...inputs].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  const files: FileSummary[] = [];
  let committed = false;
  const loadOptions = {
    batchSize: options.batchSize ?? 20_000,
    now: options.now ?? Date.now(),
    onBatch: (p: Progress) => {
      committed ||= p.summary.loaded > 0;
      options.onBatch?.(p);
    },
    afterCommit: options.afterCommit,
  };
  try {
    await withSession(warehouse, databaseUrl, async (session) => {
      for (const input of ordered) {
        const bytesTotal = fs.statSync(input.file).size;
        files.push(await loadFile(session, input.kind, input.file, formatOf(input.file, input.format), { ...loadOptions, bytesTotal }));
      }
    });
  } finally {
    // Outside the session: on PGlite the session holds the only connection.
    if (committed && files.length < ordered.length) await bumpDataVersion(warehouse.db);
  }
  if (!committed) return { files, dataVersion: null };
  // Fresh statistics for the tables that grew, so the next queries plan well (PGlite never autovacuums).
  const grown = [...new Set(files.filter((f) => f.loaded > 0).map((f) => f.kind))];
  await sql.raw(`ANALYZE ${grown.join(', ')}`).execute(warehouse.db);
  return { files, dataVersion: await bumpDataVersion(warehouse.db) };
}

/** The files of a folder named plans|users|events|churn .csv|.ndjson|.jsonl, one per kind. */
export function filesInDir(dir: string): IngestInput[] {
  if (!fs.existsSync(dir)) throw new IngestError('FILE_NOT_FOUND', `no such folder: ${dir}`);
  const inputs: IngestInput[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const m = /^(\w+)\.(csv|ndjson|jsonl)$/i.exec(name);
    const kind = m?.[1]?.toLowerCase();
    if (!kind || !isKind(kind)) continue;
    if (inputs.some((i) => i.kind === kind)) throw new IngestError('BAD_ARGUMENT', `${dir} has two ${kind} files`);
    inputs.push({ kind, file: path.join(dir, name) });
  }
  if (!inputs.length) throw new IngestError('FILE_NOT_FOUND', `${dir} has no plans/users/events/churn .csv or .ndjson file`);
  return inputs;
}

/** Summary lines for a terminal or a log. */
export function formatSummary(s: FileSummary): string {
  const rejected = Object.values(s.rejected).reduce((a, b) => a + (b ?? 0), 0);
  const byCode = Object.entries(s.rejected).sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `${code}=${n}`).join(', ');
  const rate = s.elapsedMs > 0 ? ` (${Math.round((s.read * 1000) / s.elapsedMs).toLocaleString('en-US')} rows/s)` : '';
  return `${s.kind} ${s.file}: read ${s.read}, loaded ${s.loaded}, duplicates ${s.duplicates}, rejected ${rejected}${byCode ? ` (${byCode})` : ''} in ${(s.elapsedMs / 1000).toFixed(1)} s${rate}`;
}
