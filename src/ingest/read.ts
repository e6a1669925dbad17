import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { didYouMean } from '../util/did-you-mean';
import { IngestError } from '../util/errors';
import { CsvRecords } from './csv-records';
import type { KindSpec } from './kinds';
import type { RejectCode } from './rules';

export type Format = 'csv' | 'ndjson';

/** One input record: its values in the kind's column order (undefined = column absent), or why it has none. */
export interface SourceRow {
  readonly line: number;
  readonly raw: string;
  readonly values: readonly unknown[] | null;
  readonly problem?: { readonly code: RejectCode; readonly message: string };
}

/** The rows of one chunk of the file, and how far into the file (bytes) the reader is. */
export interface SourceChunk {
  readonly rows: SourceRow[];
  readonly bytesRead: number;
}

export function formatOf(file: string, explicit?: string): Format {
  if (explicit === 'csv' || explicit === 'ndjson') return explicit;
  if (explicit) throw new IngestError('BAD_ARGUMENT', `--format must be csv or ndjson, got ${explicit}`);
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  throw new IngestError('BAD_ARGUMENT', `cannot tell the format of ${file} from its extension: pass --format csv|ndjson`);
}

// Small reads make the parse loop yield often, so the COPY of the batch in flight keeps the
// server busy: on 1M events 64 KiB gave 160k rows/s, 1 MiB 132k (scripts/bench-ingest.sh).
const CHUNK_BYTES = 1 << 16;

/**
 * Stream a file's rows chunk by chunk: memory holds one chunk (64 KiB) and the
 * record it ends in, whatever the file's size. Blank lines are skipped, not counted.
 */
export function readChunks(file: string, format: Format, spec: KindSpec): AsyncGenerator<SourceChunk> {
  return format === 'csv' ? readCsv(file, spec) : readNdjson(file, spec);
}

async function* textChunks(file: string): AsyncGenerator<{ text: string; bytesRead: number; final: boolean }> {
  const decoder = new StringDecoder('utf8');
  let bytesRead = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    yield { text: decoder.write(chunk), bytesRead, final: false };
  }
  yield { text: decoder.end(), bytesRead, final: true };
}

async function* readCsv(file: string, spec: KindSpec): AsyncGenerator<SourceChunk> {
  const records = new CsvRecords();
  // header position of each of the kind's columns, -1 when the file leaves it out
  let positions: number[] | null = null;
  let width = 0;
  // The usual case, a header in the kind's column order: the fields are the values as they are.
  let inOrder = false;
  for await (const { text, bytesRead, final } of textChunks(file)) {
    const rows: SourceRow[] = [];
    for (const record of records.push(text, final)) {
      const { line, raw, fields } = record;
      if (!positions) {
        if (!fields) throw new IngestError('MISSING_COLUMN', `${file}: the header row cannot be read (${record.error ?? 'malformed'})`);
        const header = fields.map((h) => h.trim());
        checkHeader(file, header, spec);
        positions = spec.columns.map((c) => header.indexOf(c.name));
        width = header.length;
        inOrder = width === positions.length && positions.every((p, i) => p === i);
        continue;
      }
      if (!fields) rows.push({ line, raw, values: null, problem: { code: 'MALFORMED_CSV', message: record.error ?? 'unreadable record' } });
      else if (fields.length !== width) {
        rows.push({ line, raw, values: null, problem: { code: 'WRONG_COLUMN_COUNT', message: `${fields.length} fields, the header has ${width}` } });
      } else rows.push({ line, raw, values: inOrder ? fields : positions.map((p) => (p === -1 ? undefined : fields[p])) });
    }
    if (rows.length || final) yield { rows, bytesRead };
  }
  if (!positions) throw new IngestError('MISSING_COLUMN', `${file} is empty: a CSV file needs a header row`);
}

function checkHeader(file: string, header: string[], spec: KindSpec): void {
  const known = new Set(spec.columns.map((c) => c.name));
  const unknown = header.filter((h) => !known.has(h));
  // A misspelt column would silently drop its data, so the whole file is refused, before anything loads.
  if (unknown.length) {
    const hint = unknown.map((u) => didYouMean(u, known)).join('');
    throw new IngestError('UNKNOWN_COLUMN', `${file}: unknown column(s) ${unknown.join(', ')}.${hint} Expected ${[...known].join(', ')}.`);
  }
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) throw new IngestError('DUPLICATE_COLUMN', `${file}: column ${dup} appears twice in the header`);
  const missing = spec.columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length) throw new IngestError('MISSING_COLUMN', `${file}: missing required column(s) ${missing.join(', ')}`);
}

async function* readNdjson(file: string, spec: KindSpec): AsyncGenerator<SourceChunk> {
  const names = spec.columns.map((c) => c.name);
  const known = new Set(names);
  let pending = '';
  let line = 0;
  for await (const { text, bytesRead, final } of textChunks(file)) {
    const lines = (pending + text).split('\n');
    pending = final ? '' : lines.pop() ?? '';
    const rows: SourceRow[] = [];
    for (const rawLine of lines) {
      line += 1;
      let raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (line === 1) raw = raw.replace(/^\uFEFF/, '');
      if (raw.trim() !== '') rows.push(ndjsonRow(line, raw, names, known));
    }
    if (rows.length || final) yield { rows, bytesRead };
  }
}

function ndjsonRow(line: number, raw: string, names: readonly string[], known: ReadonlySet<string>): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { line, raw, values: null, problem: { code: 'BAD_JSON_LINE', message: error instanceof Error ? error.message : 'invalid JSON' } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, raw, values: null, problem: { code: 'LINE_NOT_OBJECT', message: 'each line must be a JSON object' } };
  }
  const object = value as Record<string, unknown>;
  const unknown = Object.keys(object).filter((k) => !known.has(k));
  if (unknown.length) return { line, raw, values: null, problem: { code: 'UNKNOWN_FIELD', message: `unknown field(s) ${unknown.join(', ')}` } };
  return { line, raw, values: names.map((n) => object[n]) };
}
