import type { ColumnSpec, KindSpec } from './kinds';
import type { RejectCode } from './rules';

/** A row's values in the kind's column order, as text for the staging table (null = absent). */
export type StagedValues = (string | null)[];
export type Verdict = { ok: true; values: StagedValues } | { ok: false; code: RejectCode; message: string };

const MAX_TEXT = 255;
const MAX_JSON = 64 * 1024;
const PLATFORMS = new Set(['web', 'ios', 'android']);
// ISO-8601 date or date-time; the offset is optional (absent = UTC, per SPEC §1).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const MIN_TIME = Date.UTC(1970, 0, 1);

const fail = (code: RejectCode, message: string): Verdict => ({ ok: false, code, message });

/**
 * Check one row (field name -> raw value) against the row-level rules, in column
 * order; the first failure is the row's verdict. Rules that need the warehouse
 * (unknown plan or user, before signup) run later, in SQL, on the staged batch.
 */
export function validateRow(spec: KindSpec, fields: ReadonlyMap<string, unknown>, now: number): Verdict {
  const values: StagedValues = [];
  for (const column of spec.columns) {
    const result = validateValue(column, fields.get(column.name), now);
    if (typeof result !== 'string' && result !== null) return result;
    values.push(result);
  }
  return { ok: true, values };
}

function validateValue(column: ColumnSpec, input: unknown, now: number): string | null | Verdict {
  const { name } = column;
  if (column.type === 'json' && input !== null && typeof input === 'object') return checkJson(name, input);
  if (input !== undefined && input !== null && typeof input !== 'string' && typeof input !== 'number') {
    return fail('WRONG_TYPE', `${name} must be text, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  }
  const text = input === undefined || input === null ? '' : String(input);
  if (text === '') return column.required ? fail('MISSING_REQUIRED', `${name} is required`) : null;
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
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return fail('PROPERTIES_NOT_OBJECT', `${name} is not valid JSON`);
      }
      return checkJson(name, parsed);
    }
  }
}

function checkJson(name: string, value: unknown): string | Verdict {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('PROPERTIES_NOT_OBJECT', `${name} must be a JSON object`);
  const text = JSON.stringify(value);
  // \u0000 is valid JSON but jsonb refuses it; treat it like any other unloadable object.
  if (text.includes('\\u0000')) return fail('PROPERTIES_NOT_OBJECT', `${name} contains \\u0000, which jsonb cannot store`);
  return text.length > MAX_JSON ? fail('FIELD_TOO_LONG', `${name} is ${text.length} bytes (max ${MAX_JSON})`) : text;
}

/** Parse to a canonical UTC ISO string; rejects impossible dates such as 2026-02-30. */
function checkTimestamp(name: string, text: string, now: number): string | Verdict {
  const m = ISO.exec(text);
  if (!m) return fail('BAD_TIMESTAMP', `${name} ${JSON.stringify(text)} is not an ISO-8601 timestamp`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset = 'Z'] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(local);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || back.getUTCMinutes() !== Number(mi) || back.getUTCSeconds() !== Number(s)) {
    return fail('BAD_TIMESTAMP', `${name} ${JSON.stringify(text)} is not a real date/time`);
  }
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  const millis = local - offsetMinutes * 60_000;
  if (millis > now) return fail('TIMESTAMP_IN_FUTURE', `${name} ${text} is in the future`);
  if (millis < MIN_TIME) return fail('TIMESTAMP_OUT_OF_RANGE', `${name} ${text} is before 1970-01-01`);
  // Keep sub-second digits as written (microseconds survive); the instant is written in UTC.
  return `${new Date(millis).toISOString().slice(0, 19)}${frac}Z`;
}
