import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import { didYouMean } from '../util/did-you-mean';
import { IngestError } from '../util/errors';
import type { KindSpec } from './kinds';
import type { RejectCode } from './rules';

export type Format = 'csv' | 'ndjson';

/** One input record: its fields, or why it could not even be split into fields. */
export interface SourceRow {
  readonly line: number;
  readonly raw: string;
  readonly fields: ReadonlyMap<string, unknown> | null;
  readonly problem?: { readonly code: RejectCode; readonly message: string };
}

export function formatOf(file: string, explicit?: string): Format {
  if (explicit === 'csv' || explicit === 'ndjson') return explicit;
  if (explicit) throw new IngestError('BAD_ARGUMENT', `--format must be csv or ndjson, got ${explicit}`);
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  throw new IngestError('BAD_ARGUMENT', `cannot tell the format of ${file} from its extension: pass --format csv|ndjson`);
}

/** Stream the rows of a file, one record at a time: memory does not grow with the file. Blank lines are skipped, not counted. */
export function readRows(file: string, format: Format, spec: KindSpec): AsyncGenerator<SourceRow> {
  return format === 'csv' ? readCsv(file, spec) : readNdjson(file, spec);
}

async function* readCsv(file: string, spec: KindSpec): AsyncGenerator<SourceRow> {
  // relax_quotes: a stray quote inside a field is kept as text, so one bad quote cannot swallow the following lines.
  const parser = fs.createReadStream(file).pipe(
    parse({ raw: true, info: true, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true }),
  );
  const skipped: SourceRow[] = [];
  parser.on('skip', (error: Error & { lines?: number; raw?: string }) => {
    const raw = (error.raw ?? '').replace(/^[\r\n]+|[\r\n]+$/g, '');
    skipped.push({ line: startLine(error.lines ?? 0, raw), raw, fields: null, problem: { code: 'MALFORMED_CSV', message: error.message } });
  });
  let header: string[] | null = null;
  for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
    const raw = item.raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (!header) {
      header = item.record.map((h) => h.trim());
      checkHeader(file, header, spec);
      continue;
    }
    yield* skipped.splice(0);
    const line = startLine(item.info.lines, raw);
    if (item.record.length !== header.length) {
      yield { line, raw, fields: null, problem: { code: 'WRONG_COLUMN_COUNT', message: `${item.record.length} fields, the header has ${header.length}` } };
      continue;
    }
    const h = header;
    yield { line, raw, fields: new Map(item.record.map((value, i) => [h[i] ?? '', value])) };
  }
  yield* skipped.splice(0);
  if (!header) throw new IngestError('MISSING_COLUMN', `${file} is empty: a CSV file needs a header row`);
}

/** csv-parse reports the line a record ends on; a quoted field may span lines, so count back. */
function startLine(endLine: number, raw: string): number {
  return endLine - (raw.match(/\n/g)?.length ?? 0);
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

async function* readNdjson(file: string, spec: KindSpec): AsyncGenerator<SourceRow> {
  const known = new Set(spec.columns.map((c) => c.name));
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      yield { line, raw, fields: null, problem: { code: 'BAD_JSON_LINE', message: error instanceof Error ? error.message : 'invalid JSON' } };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, raw, fields: null, problem: { code: 'LINE_NOT_OBJECT', message: 'each line must be a JSON object' } };
      continue;
    }
    const fields = new Map(Object.entries(value));
    const unknown = [...fields.keys()].filter((k) => !known.has(k));
    if (unknown.length) {
      yield { line, raw, fields: null, problem: { code: 'UNKNOWN_FIELD', message: `unknown field(s) ${unknown.join(', ')}` } };
      continue;
    }
    yield { line, raw, fields };
  }
}
