import { checkJsonText, checkJsonValue, textProblem } from './check-json';
import { checkPrice } from './check-price';
import { checkTimestamp } from './check-timestamp';
import type { ColumnSpec, KindSpec } from './kinds';
import type { Failure } from './rules';

/** A row's values in the kind's column order, as canonical text for the warehouse (null = absent). */
export type StagedValues = (string | null)[];
export type Verdict = { ok: true; values: StagedValues } | ({ ok: false } & Failure);

const MAX_TEXT = 255;
const PLATFORMS = new Set(['web', 'ios', 'android']);

/**
 * Check one row (values in column order) against the row-level rules, in column
 * order; the first failure is the row's verdict. Rules that need the warehouse
 * (unknown plan or user, before signup, key conflicts) run on the batch later.
 * Values come out canonical (one text per value), so rows compare in Node as
 * they will in the warehouse.
 */
export function validateRow(spec: KindSpec, input: readonly unknown[], now: number): Verdict {
  const values: StagedValues = new Array<string | null>(spec.columns.length);
  for (let i = 0; i < spec.columns.length; i += 1) {
    const result = validateValue(spec.columns[i] as ColumnSpec, input[i], now);
    if (typeof result !== 'string' && result !== null) return { ok: false, ...result };
    values[i] = result;
  }
  return { ok: true, values };
}

function validateValue(column: ColumnSpec, input: unknown, now: number): string | null | Failure {
  const { name } = column;
  if (column.type === 'json' && input !== null && typeof input === 'object') return checkJsonValue(name, input);
  if (input !== undefined && input !== null && typeof input !== 'string' && typeof input !== 'number') {
    return { code: 'WRONG_TYPE', message: `${name} must be text, got ${Array.isArray(input) ? 'an array' : typeof input}` };
  }
  const text = input === undefined || input === null ? '' : String(input);
  if (text === '') return column.required ? { code: 'MISSING_REQUIRED', message: `${name} is required` } : null;
  if (column.type === 'json') return checkJsonText(name, text);
  // PostgreSQL text refuses these, and one such value would fail a whole batch.
  const problem = textProblem(text);
  if (problem) return { code: 'BAD_TEXT', message: `${name} ${problem}` };
  switch (column.type) {
    case 'id':
      if (text.trim() !== text || /\p{Cc}/u.test(text)) return { code: 'BAD_ID', message: `${name} ${JSON.stringify(text)} has surrounding whitespace or control characters` };
      return tooLong(name, text) ?? text;
    case 'text':
      if (column.required && text.trim() === '') return { code: 'MISSING_REQUIRED', message: `${name} is required` };
      return tooLong(name, text) ?? text;
    case 'platform':
      return PLATFORMS.has(text) ? text : { code: 'VALUE_NOT_ACCEPTED', message: `platform ${JSON.stringify(text)} is not one of web, ios, android` };
    case 'timestamp':
      return checkTimestamp(name, text, now);
    case 'price':
      return checkPrice(name, text);
  }
}

function tooLong(name: string, text: string): Failure | null {
  return text.length > MAX_TEXT ? { code: 'FIELD_TOO_LONG', message: `${name} is ${text.length} characters (max ${MAX_TEXT})` } : null;
}
