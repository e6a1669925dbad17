import path from 'node:path';
import { CHANGED_EVENTS, CHANGED_EVENTS_COLUMNS } from '../refresh';
import { copyLine, parseCopyLine } from './copy-text';
import { countNewlines } from './csv-records';
import { crossCheckFor } from './cross-checks';
import { KIND_SPECS, type Kind } from './kinds';
import { loadedKeys } from './loaded-keys';
import { readChunks, type Format, type SourceRow } from './read';
import type { Reject, RejectCode } from './rules';
import type { Session } from './session';
import { validateRow, type StagedValues } from './validate';

export interface FileSummary {
  readonly kind: Kind;
  readonly file: string;
  read: number;
  loaded: number;
  duplicates: number;
  rejected: Partial<Record<RejectCode, number>>;
  /** Wall time of the file's load so far. */
  elapsedMs: number;
}

export interface Progress {
  readonly summary: FileSummary;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export interface LoadOptions {
  readonly batchSize: number;
  /** Instant (ms) after which a timestamp is "in the future". */
  readonly now: number;
  readonly bytesTotal: number;
  /** After each committed batch. */
  readonly onBatch?: (progress: Progress) => void;
  /** Called after each batch; a throw here simulates a load killed midway (tests). */
  readonly afterCommit?: () => void;
  /** List each batch's loaded activity per user and UTC day in pulse_changed_events (events, for the marts' refresh). */
  readonly recordChanges?: boolean;
}

/**
 * The rows read since the last commit. A good row is kept as its COPY line (one
 * string) with its line number and raw text, in case it turns out a duplicate.
 */
interface Batch {
  /** The file lines this batch answers for: from the line after the previous batch to the end of its last record. */
  readonly fromLine: number;
  toLine: number;
  read: number;
  bytesRead: number;
  /** Exact copies of an earlier row of the batch. */
  duplicates: number;
  readonly lines: number[];
  readonly raws: string[];
  readonly copy: string[];
  readonly rejects: Reject[];
  /** key -> index of its row, to tell an exact copy from a conflict within the batch. */
  readonly keys: Map<string, number>;
  /** Rows whose key came earlier in the batch with other text: the warehouse compares them once the first is in. */
  readonly deferred: Pending[];
  /** Activity per user and UTC day (events only), for pulse_changed_events. */
  readonly changes: Map<string, DayChange>;
}

/** One user's rows of one UTC day in a batch: how many, and the earliest and latest instant (ms, widened to whole ms). */
interface DayChange {
  readonly user: string;
  readonly day: string;
  n: number;
  min: number;
  max: number;
}

interface Pending {
  readonly line: number;
  readonly raw: string;
  readonly copy: string;
}

const newBatch = (fromLine: number): Batch => ({
  fromLine, toLine: fromLine, read: 0, bytesRead: 0, duplicates: 0, lines: [], raws: [], copy: [], rejects: [], keys: new Map(), deferred: [], changes: new Map(),
});

/**
 * Note an event row for the refresh. Counted before duplicates are told apart,
 * so the list may name a day that ends up unchanged: the refresh recomputes
 * it to the same rows. The instant is widened to whole milliseconds (down for
 * the earliest, up for the latest), which only ever widens what is recomputed.
 */
function noteChange(changes: Map<string, DayChange>, user: string, at: string): void {
  const ms = Date.parse(at);
  const day = at.slice(0, 10);
  const key = `${user}\u0001${day}`;
  const known = changes.get(key);
  if (known) {
    known.n += 1;
    if (ms < known.min) known.min = ms;
    if (ms + 1 > known.max) known.max = ms + 1;
  } else changes.set(key, { user, day, n: 1, min: ms, max: ms + 1 });
}

/** The last line of a record (a quoted field may span lines). */
const endLine = (row: SourceRow): number => row.line + countNewlines(row.raw);

/**
 * Stream one file into its table in batches, inside the caller's transaction
 * (one per file: see index.ts). Node checks each row (row rules, then the
 * other-table rules against looked-up plans or users); each batch, under a
 * savepoint, (1) forgets earlier verdicts for its lines, (2) COPYs its good
 * rows straight into the table and (3) stores every reject. When the COPY
 * meets a key already loaded, it is rolled back to a savepoint, the loaded
 * keys are found (an exact copy is a duplicate, other values a KEY_CONFLICT)
 * and the rest is COPYed again. While the warehouse takes one batch, Node
 * reads the next.
 */
export async function loadFile(session: Session, kind: Kind, file: string, format: Format, options: LoadOptions): Promise<FileSummary> {
  const spec = KIND_SPECS[kind];
  const keyIndexes = spec.key.map((k) => spec.columns.findIndex((c) => c.name === k));
  const changeColumns = options.recordChanges ? [spec.columns.findIndex((c) => c.name === 'user_id'), spec.columns.findIndex((c) => c.name === 'occurred_at')] : null;
  const crossCheck = crossCheckFor(kind, spec);
  const source = path.resolve(file);
  const started = Date.now();
  const summary: FileSummary = { kind, file, read: 0, loaded: 0, duplicates: 0, rejected: {}, elapsedMs: 0 };
  let batch: Batch | null = null;
  let lastLine = 0;
  let pending: Promise<void> = Promise.resolve();

  const submit = async (full: Batch): Promise<void> => {
    await pending;
    pending = commitBatch(session, kind, source, full).then((counts) => {
      summary.read += full.read;
      summary.loaded += counts.loaded;
      summary.duplicates += full.duplicates + counts.duplicates;
      for (const r of counts.rejects) summary.rejected[r.code] = (summary.rejected[r.code] ?? 0) + 1;
      summary.elapsedMs = Date.now() - started;
      options.onBatch?.({ summary, bytesRead: full.bytesRead, bytesTotal: options.bytesTotal });
      options.afterCommit?.();
    });
    // Awaited before the next batch or at the end; this only keeps an early failure from being "unhandled".
    pending.catch(() => undefined);
  };

  const add = (target: Batch, row: SourceRow, values: StagedValues): void => {
    const failure = crossCheck?.check(values);
    if (failure) {
      target.rejects.push({ line: row.line, raw: row.raw, ...failure });
      return;
    }
    const line = copyLine(values);
    const key = keyIndexes.length === 1 ? (values[keyIndexes[0] as number] as string) : keyIndexes.map((i) => values[i]).join('\u0001');
    const earlier = target.keys.get(key);
    if (changeColumns) noteChange(target.changes, values[changeColumns[0] as number] as string, values[changeColumns[1] as number] as string);
    if (earlier === undefined) {
      target.keys.set(key, target.copy.length);
      target.lines.push(row.line);
      target.raws.push(row.raw);
      target.copy.push(line);
    } else if (target.copy[earlier] === line) target.duplicates += 1;
    else target.deferred.push({ line: row.line, raw: row.raw, copy: line });
  };

  for await (const chunk of readChunks(file, format, spec)) {
    const verdicts = chunk.rows.map((row) => (row.values ? validateRow(spec, row.values, options.now) : null));
    if (crossCheck) {
      const good: StagedValues[] = [];
      for (const v of verdicts) if (v?.ok) good.push(v.values);
      await crossCheck.prepare(session, good);
    }
    for (let i = 0; i < chunk.rows.length; i += 1) {
      const row = chunk.rows[i] as SourceRow;
      batch ??= newBatch(lastLine + 1);
      lastLine = endLine(row);
      batch.read += 1;
      batch.toLine = lastLine;
      const verdict = verdicts[i];
      if (verdict?.ok) add(batch, row, verdict.values);
      else {
        const problem = verdict ?? row.problem ?? { code: 'MALFORMED_CSV' as const, message: 'unreadable record' };
        batch.rejects.push({ line: row.line, raw: row.raw, code: problem.code, message: problem.message });
      }
      if (batch.read >= options.batchSize) {
        batch.bytesRead = chunk.bytesRead;
        // Waits for the previous batch's commit only; this one commits while the next is read.
        await submit(batch);
        batch = null;
      }
    }
    if (batch) batch.bytesRead = chunk.bytesRead;
  }
  if (batch) await submit(batch);
  await pending;
  // Verdicts past the file's end belong to a longer version of it: forget them.
  await session.query('DELETE FROM rejects WHERE source = $1 AND line > $2', [source, lastLine]);
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** PostgreSQL text cannot hold NUL: a reject keeps its raw text with each NUL written as \\u0000. */
const storable = (text: string): string => (text.includes('\u0000') ? text.replace(/\u0000/g, '\\u0000') : text);

interface BatchCounts {
  readonly loaded: number;
  readonly duplicates: number;
  readonly rejects: readonly Reject[];
}

async function commitBatch(session: Session, kind: Kind, source: string, batch: Batch): Promise<BatchCounts> {
  const { columns, key } = KIND_SPECS[kind];
  const names = columns.map((c) => c.name);
  const rejects = [...batch.rejects];
  let keep = batch.copy.map((_, i) => i);
  let duplicates = 0;
  const conflict = (line: number, raw: string): Reject => ({ line, raw, code: 'KEY_CONFLICT', message: `${key.join(', ')} is already loaded with other values` });
  await session.query('SAVEPOINT batch');
  try {
    await session.query('DELETE FROM rejects WHERE source = $1 AND line BETWEEN $2 AND $3', [source, batch.fromLine, batch.toLine]);
    await session.query('SAVEPOINT bulk');
    try {
      if (keep.length) await session.copyLines(kind, names, batch.copy);
    } catch (error) {
      if ((error as { code?: unknown }).code !== '23505') throw error;
      await session.query('ROLLBACK TO SAVEPOINT bulk');
      const loaded = await loadedKeys(session, kind, batch.copy.map(parseCopyLine));
      keep = keep.filter((i) => {
        const differs = loaded.get(i);
        if (differs === undefined) return true;
        if (differs) rejects.push(conflict(batch.lines[i] as number, batch.raws[i] as string));
        else duplicates += 1;
        return false;
      });
      if (keep.length) await session.copyLines(kind, names, keep.map((i) => batch.copy[i] as string));
    }
    if (batch.deferred.length) {
      // Their key is loaded now (by this batch or before it): equal values are a duplicate, as the warehouse sees equality.
      const loaded = await loadedKeys(session, kind, batch.deferred.map((d) => parseCopyLine(d.copy)));
      batch.deferred.forEach((d, i) => {
        if (loaded.get(i) === false) duplicates += 1;
        else rejects.push(conflict(d.line, d.raw));
      });
    }
    if (rejects.length) await session.copyLines('rejects', ['source', 'line', 'kind', 'code', 'message', 'raw'], rejects.map((r) => copyLine([source, r.line, kind, r.code, storable(r.message), storable(r.raw)])));
    if (batch.changes.size) {
      const lines = [...batch.changes.values()].map((c) => copyLine([c.user, c.day, c.n, new Date(c.min).toISOString(), new Date(c.max).toISOString()]));
      await session.copyLines(CHANGED_EVENTS, CHANGED_EVENTS_COLUMNS, lines);
    }
    await session.query('RELEASE SAVEPOINT batch');
  } catch (error) {
    await session.query('ROLLBACK TO SAVEPOINT batch');
    throw error;
  }
  return { loaded: keep.length, duplicates, rejects };
}
