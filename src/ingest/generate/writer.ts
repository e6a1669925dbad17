import fs from 'node:fs';
import path from 'node:path';

/**
 * The four files of SPEC §1, their columns in the order the spec lists them
 * (required first), and a buffered writer that renders rows as CSV or NDJSON
 * and honours the stream's backpressure.
 */

export type FileKind = 'plans' | 'users' | 'events' | 'churn';
export type OutputFormat = 'csv' | 'ndjson';
/** How a cell is written in NDJSON: a string, a number when it is one, or raw JSON when it parses. */
type CellKind = 'text' | 'number' | 'json';

export const COLUMNS: Readonly<Record<FileKind, readonly string[]>> = {
  plans: ['plan_id', 'name', 'tier', 'monthly_price'],
  users: ['user_id', 'signup_at', 'country', 'region', 'city', 'acquisition_source', 'plan_id'],
  events: ['event_id', 'user_id', 'occurred_at', 'event_type', 'feature', 'category', 'platform', 'session_id', 'properties'],
  churn: ['user_id', 'churned_at', 'reason'],
};

const CELL_KINDS: Readonly<Record<FileKind, readonly CellKind[]>> = {
  plans: ['text', 'text', 'text', 'number'],
  users: COLUMNS.users.map(() => 'text'),
  events: [...COLUMNS.events.slice(0, -1).map((): CellKind => 'text'), 'json'],
  churn: ['text', 'text', 'text'],
};

/** A row: one cell per column; null is a missing value (empty in CSV, null in NDJSON). */
export type Row = readonly (string | null)[];

const NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function jsonCell(value: string | null, kind: CellKind): string {
  if (value === null) return 'null';
  if (kind === 'number' && NUMBER.test(value)) return value;
  if (kind === 'json') {
    try {
      JSON.parse(value);
      return value;
    } catch {
      // Invalid JSON (a deliberate bad row) is written as a string, so the line itself stays valid NDJSON.
    }
  }
  return JSON.stringify(value);
}

export function renderRow(kind: FileKind, format: OutputFormat, row: Row, columns: readonly string[] = COLUMNS[kind]): string {
  if (format === 'csv') return row.map(csvCell).join(',') + '\n';
  const kinds = CELL_KINDS[kind];
  const parts = row.map((v, i) => `${JSON.stringify(columns[i])}:${jsonCell(v, kinds[i] ?? 'text')}`);
  return `{${parts.join(',')}}\n`;
}

/** Rows are gathered into chunks of ~64 KB; a write that fills the stream's buffer waits for 'drain'. */
export class RowWriter {
  readonly file: string;
  private readonly stream: fs.WriteStream;
  private buffer = '';
  rows = 0;

  constructor(
    dir: string,
    readonly kind: FileKind,
    readonly format: OutputFormat,
    /** The file's columns: COLUMNS[kind], or with optional ones appended (users' tenant_id). */
    readonly columns: readonly string[] = COLUMNS[kind],
  ) {
    this.file = path.join(dir, `${kind}.${format === 'csv' ? 'csv' : 'ndjson'}`);
    this.stream = fs.createWriteStream(this.file);
    if (format === 'csv') this.buffer = columns.join(',') + '\n';
  }

  /** Adds a row; call flush() now and then (the generator does after every user). */
  add(row: Row): void {
    this.buffer += renderRow(this.kind, this.format, row, this.columns);
    this.rows++;
  }

  async flush(force = false): Promise<void> {
    if (!force && this.buffer.length < 65536) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.stream.write(chunk)) await this.waitFor('drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    const finished = this.waitFor('finish');
    this.stream.end();
    await finished;
  }

  private waitFor(event: 'drain' | 'finish'): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.stream.once('error', onError);
      this.stream.once(event, () => {
        this.stream.off('error', onError);
        resolve();
      });
    });
  }
}
