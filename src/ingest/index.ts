import fs from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/types';
import { signalLocalChange, type Warehouse } from '../db';
import { compileMartSql, createChangesSql, refreshMarts, type RefreshReport, type SqlRunner } from '../refresh';
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
  /** The definitions whose marts the load keeps up to date. */
  readonly catalog: Catalog;
  /** Rows per batch (default 20,000). */
  readonly batchSize?: number;
  /** "Now" for TIMESTAMP_IN_FUTURE, in ms (default Date.now()). */
  readonly now?: number;
  readonly onBatch?: (progress: Progress) => void;
  /** Test hook: called after every batch; throwing simulates a load killed midway. */
  readonly afterCommit?: () => void;
}

export interface IngestResult {
  readonly files: FileSummary[];
  /** The data version after the load (unchanged when nothing loaded). */
  readonly dataVersion: string | null;
  /** How each mart was brought up to date, per file that loaded rows. */
  readonly refreshes: RefreshReport[];
}

/**
 * Load files in dependency order (plans, users, events, churn). Each file is
 * one transaction: its batches, then (when it loaded rows) fresh planner
 * statistics, the refresh of every mart for exactly what its rows touch, and
 * the data version bump. So a reader sees a file's rows, the marts built
 * from them and the new data version together, or none of them; a load
 * killed midway leaves whole files, and a re-run skips what they loaded.
 */
export async function ingest(warehouse: Warehouse, databaseUrl: string | null, inputs: readonly IngestInput[], options: IngestOptions): Promise<IngestResult> {
  for (const input of inputs) {
    if (!fs.existsSync(input.file)) throw new IngestError('FILE_NOT_FOUND', `no such file: ${input.file}`);
    formatOf(input.file, input.format);
  }
  const ordered = [...inputs].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  const files: FileSummary[] = [];
  const refreshes: RefreshReport[] = [];
  const loadOptions = { batchSize: options.batchSize ?? 20_000, now: options.now ?? Date.now(), onBatch: options.onBatch, afterCommit: options.afterCommit };
  await withSession(warehouse, databaseUrl, async (session) => {
    const runner: SqlRunner = { run: async (query) => {
      const result = await session.query(query.sql, query.parameters);
      return { rows: result.rows, affected: result.rowCount };
    } };
    for (const input of ordered) {
      const bytesTotal = fs.statSync(input.file).size;
      // Events' new rows are listed for the marts kept from them; a churn mart is recomputed after a load of the others.
      const recordChanges = input.kind === 'events';
      await session.query('BEGIN');
      try {
        if (recordChanges) for (const ddl of createChangesSql()) await runner.run(compileMartSql(ddl));
        const summary = await loadFile(session, input.kind, input.file, formatOf(input.file, input.format), { ...loadOptions, bytesTotal, recordChanges });
        files.push(summary);
        if (summary.loaded > 0) {
          // Fresh statistics for the grown table, so the refresh and the next queries plan well (PGlite never autovacuums).
          await session.query(`ANALYZE ${input.kind}`);
          refreshes.push(await refreshMarts(runner, options.catalog, { loaded: true, changedTable: recordChanges ? input.kind : null, loadedTable: input.kind }));
        }
        await session.query('COMMIT');
        // This process's own readers need not wait for the NOTIFY to come back.
        if (summary.loaded > 0) signalLocalChange(warehouse.db);
      } catch (error) {
        await session.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      // After the commit, outside the try: the file is in. Marks the small tables' pages all-visible, so counts by
      // signup time are index-only scans (retention's cohort sizes: 150 ms -> 50 ms at 200k users); events are left
      // to autovacuum, a pass over them would cost the load.
      const loaded = files.at(-1)?.loaded ?? 0;
      if (loaded > 0 && input.kind !== 'events') await session.query(`VACUUM ${input.kind}`);
    }
  });
  const last = refreshes.at(-1);
  return { files, dataVersion: last ? last.dataVersion : null, refreshes };
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
