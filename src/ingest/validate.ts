import type { ColumnSpec, KindSpec } from './kinds';
import type { RejectCode } from './rules';

/** A row's values in the kind's column order, as text for the warehouse (null = absent). */
export type StagedValues = (string | null)[];
export type Verdict = { ok: true; values: StagedValues } | { ok: false; code: RejectCode; message: string };

const MAX_TEXT = 255;
const MAX_JSON = 64 * 1024;
const PLATFORMS = new Set(['web', 'ios', 'android']);
// ISO-8601 date or date-time; the offset is optional (absent = UTC, per SPEC §1).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// jsonb refuses \u0000 and unpaired UTF-16 surrogate escapes that JSON.parse accepts.
const SURROGATE_PAIR = /\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/g;
const SURROGATE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const MIN_TIME = Date.UTC(1970, 0, 1);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const fail = (code: RejectCode, message: string): Verdict => ({ ok: false, code, message });

/**
 * Check one row (values in column order) against the row-level rules, in column
 * order; the first failure is the row's verdict. Rules that need the warehouse
 * (unknown plan or user, before signup, key conflicts) run on the batch later.
 */
export function validateRow(spec: KindSpec, input: readonly unknown[], now: number): Verdict {
  const values: StagedValues = new Array<string | null>(spec.columns.length);
  for (let i = 0; i < spec.columns.length; i += 1) {
    const result = validateValue(spec.columns[i] as ColumnSpec, input[i], now);
    if (typeof result !== 'string' && result !== null) return result;
    values[i] = result;
  }
  return { ok: true, values };
}

function validateValue(column: ColumnSpec, input: unknown, now: number): string | null | Verdict {
  const { name } = column;
  if (column.type === 'json' && input !== null && typeof input === 'object') return checkJsonValue(name, input);
  if (input !== undefined && input !== null && typeof input !== 'string' && typeof input !== 'number') {
    return fail('WRONG_TYPE', `${name} must be text, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  }
  const text = input === undefined || input === null ? '' : String(input);
  if (text === '') return column.required ? fail('MISSING_REQUIRED', `${name} is required`) : null;
  // PostgreSQL text cannot hold NUL, and one such value would fail a whole batch.
  if (text.includes('\u0000')) return fail('NUL_CHARACTER', `${name} contains a NUL character`);
  switch (column.type) {
    case 'id':
      if (text.trim() !== text || /\p{Cc}/u.test(text)) return fail('BAD_ID', `${name} ${JSON.stringify(text)} has surrounding whitespace or control characters`);
      return text.length > MAX_TEXT ? fail('FIELD_TOO_LONG', `${name} is ${text.length} characters (max ${MAX_TEXT})`) : text;
    case 'text':
      if (column.required && text.trim() === '') return fail('MISSING_REQUIRED', `${name} is required`);
      return text.length > MAX_TEXT ? fail('FIELD_TOO_LONG', `${name} is ${text.length} characters (max ${MAX_TEXT})`) : text;
    case 'platform':
      return PLATFORMS.has(text) ? text : fail('VALUE_NOT_ACCEPTED', `platform ${JSON.stringify(text)} is not one of web, ios, android`);
    case 'timestamp':
      return checkTimestamp(name, text, now);
    case 'price': {
      if (!DECIMAL.test(text.trim())) return fail('BAD_NUMBER', `${name} ${JSON.stringify(text)} is not a number`);
      const n = Number(text);
      if (n < 0) return fail('NEGATIVE_PRICE', `${name} ${text} is negative`);
      return n >= 1e10 ? fail('NUMBER_OUT_OF_RANGE', `${name} ${text} does not fit numeric(12,2)`) : text.trim();
    }
    case 'json':
      return checkJsonText(name, text);
  }
}

/** NDJSON gives properties as an object: written back as JSON text. */
function checkJsonValue(name: string, value: object): string | Verdict {
  if (Array.isArray(value)) return fail('PROPERTIES_NOT_OBJECT', `${name} must be a JSON object`);
  return checkJsonText(name, JSON.stringify(value));
}

/** CSV gives properties as JSON text: checked, then loaded as written (jsonb normalises it). */
function checkJsonText(name: string, text: string): string | Verdict {
  if (text.length > MAX_JSON) return fail('FIELD_TOO_LONG', `${name} is ${text.length} bytes (max ${MAX_JSON})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('PROPERTIES_NOT_OBJECT', `${name} is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('PROPERTIES_NOT_OBJECT', `${name} must be a JSON object`);
  if (text.includes('\\u')) {
    if (text.includes('\\u0000')) return fail('PROPERTIES_NOT_OBJECT', `${name} contains \\u0000, which jsonb cannot store`);
    if (SURROGATE.test(text.replace(SURROGATE_PAIR, ''))) return fail('PROPERTIES_NOT_OBJECT', `${name} contains an unpaired \\u surrogate, which jsonb cannot store`);
  }
  return text;
}

/**
 * A real instant from 1970 up to `now`, as a canonical UTC ISO string; rejects
 * impossible dates such as 2026-02-30. Sub-second digits are kept as written.
 */
function checkTimestamp(name: string, text: string, now: number): string | Verdict {
  const canonical = canonicalInstant(text);
  if (canonical !== null) {
    if (canonical > now) return fail('TIMESTAMP_IN_FUTURE', `${name} ${text} is in the future`);
    if (canonical < MIN_TIME) return fail('TIMESTAMP_OUT_OF_RANGE', `${name} ${text} is before 1970-01-01`);
    return text;
  }
  const m = ISO.exec(text);
  if (!m) return fail('BAD_TIMESTAMP', `${name} ${JSON.stringify(text)} is not an ISO-8601 timestamp`);
  const [, y, mo, d, sep, h = '00', mi = '00', s = '00', frac = '', offset = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0) + leap || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return fail('BAD_TIMESTAMP', `${name} ${JSON.stringify(text)} is not a real date/time`);
  }
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  const millis = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  if (millis > now) return fail('TIMESTAMP_IN_FUTURE', `${name} ${text} is in the future`);
  if (millis < MIN_TIME) return fail('TIMESTAMP_OUT_OF_RANGE', `${name} ${text} is before 1970-01-01`);
  // Already canonical (the common case): no new string.
  if (offset === 'Z' && sep === 'T' && m[7] !== undefined && text.endsWith('Z')) return text;
  return `${new Date(millis).toISOString().slice(0, 19)}${frac}Z`;
}

const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;
const two = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);

/**
 * The common case without a regex or a new string: exactly YYYY-MM-DDTHH:MM:SSZ,
 * a real date and time. Its instant in ms, or null to take the general path.
 */
function canonicalInstant(text: string): number | null {
  if (text.length !== 20 || text.charCodeAt(19) !== 90 || text.charCodeAt(10) !== 84) return null;
  for (const i of DIGITS) {
    const d = digit(text, i);
    if (d < 0 || d > 9) return null;
  }
  for (const [i, c] of SEPARATORS) if (text.charCodeAt(i) !== c) return null;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0) + leap) return null;
  const [h, mi, sec] = [two(text, 11), two(text, 14), two(text, 17)];
  if (h > 23 || mi > 59 || sec > 59) return null;
  return Date.UTC(year, month - 1, day, h, mi, sec);
}
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const SEPARATORS: readonly [number, number][] = [[4, 45], [7, 45], [13, 58], [16, 58]];

/** The sub-second part of a canonical timestamp, in whole microseconds (digits past the sixth dropped). */
export function fractionMicros(canonical: string): number {
  return canonical.length === 20 ? 0 : Number(canonical.slice(20, Math.min(26, canonical.length - 1)).padEnd(6, '0'));
}
