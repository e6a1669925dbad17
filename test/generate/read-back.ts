import fs from 'node:fs';
import path from 'node:path';
import { COLUMNS, type FileKind } from '../../src/ingest/generate';

/**
 * Reads generated files back, independently of the writer: a small RFC 4180
 * CSV parser (quoted fields, doubled quotes, commas and newlines inside
 * quotes) and NDJSON through JSON.parse, both into records of strings|null.
 */

export type Record_ = Readonly<Record<string, string | null>>;

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last line has no newline');
  return rows;
}

export function readCsv(dir: string, kind: FileKind): { header: string[]; records: Record_[] } {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, `${kind}.csv`), 'utf8'));
  if (!header) throw new Error('empty file');
  const records = rows.map((cells) => {
    if (cells.length !== header.length) throw new Error(`row of ${cells.length} cells: ${cells.join(',')}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] === '' ? null : (cells[i] ?? null)]));
  });
  return { header, records };
}

/** NDJSON values as the CSV would hold them: objects and arrays re-serialised, numbers as text. */
export function readNdjson(dir: string, kind: FileKind): { keys: string[][]; records: Record_[] } {
  const lines = fs.readFileSync(path.join(dir, `${kind}.ndjson`), 'utf8').split('\n');
  if (lines.pop() !== '') throw new Error('last line has no newline');
  const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const text = (v: unknown): string | null => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    keys: objects.map((o) => Object.keys(o)),
    records: objects.map((o) => Object.fromEntries(COLUMNS[kind].map((c) => [c, text(o[c])]))),
  };
}
