/**
 * Rows as PostgreSQL COPY text format: tab-separated, \N for NULL, backslash
 * escapes for backslash, tab, newline and carriage return. A staged row is kept
 * as its COPY line until its batch commits: one string per row instead of an
 * array of fields, which keeps the garbage collector's work small.
 */
export type CopyValue = string | number | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r' };

function copyValue(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  const text = typeof v === 'number' ? String(v) : v;
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : text;
}

/** One row as a COPY line (no newline); join makes one flat string, not a chain of concatenations. */
export function copyLine(values: readonly CopyValue[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) parts[i] = copyValue(values[i]);
  return parts.join('\t');
}

/** The values of a COPY line written by copyLine (the rare path that needs them back). */
export function parseCopyLine(line: string): (string | null)[] {
  return line
    .split('\t')
    .map((v) => (v === '\\N' ? null : v.replace(/\\[\\tnr]/g, (e) => UNESCAPES[e] ?? e)));
}

/** COPY payload in pieces of 4,096 lines. */
export function* copyChunks(lines: Iterable<string>): Generator<string> {
  let piece: string[] = [];
  for (const line of lines) {
    piece.push(line);
    if (piece.length === 4096) {
      yield `${piece.join('\n')}\n`;
      piece = [];
    }
  }
  if (piece.length) yield `${piece.join('\n')}\n`;
}
