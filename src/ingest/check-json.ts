import type { Failure } from './rules';

const MAX_JSON = 64 * 1024;
const MAX_DEPTH = 64;
// A number token jsonb cannot hold (exponent or digits beyond numeric's range), maybe inside a string: then scanned.
const SUSPECT_NUMBER = /[eE][+-]?\d{4,}|\d{1000,}/;

// The usual properties, found without parsing: a flat object of strings without escapes, short
// numbers, booleans and nulls. Anything else (nesting, escapes, long numbers) takes the full check.
const STRING = '"[^"\\\\\\u0000-\\u001f]*"';
const SCALAR = `(?:${STRING}|-?(?:0|[1-9]\\d{0,14})(?:\\.\\d{1,15})?|true|false|null)`;
// JSON's whitespace only: \s would also take characters JSON (and jsonb) refuse.
const WS = '[ \\t\\n\\r]*';
const MEMBER = `${WS}${STRING}${WS}:${WS}${SCALAR}${WS}`;
const FLAT_OBJECT = new RegExp(`^${WS}\\{(?:${MEMBER}(?:,${MEMBER})*|${WS})\\}${WS}$`);

const notObject = (name: string, why: string): Failure => ({ code: 'PROPERTIES_NOT_OBJECT', message: `${name} ${why}` });

/**
 * properties as CSV gives it, JSON text: loaded as written (jsonb normalises
 * it, and numbers keep their digits), once sure jsonb will take it. A value
 * jsonb refuses would fail a whole batch, so each such case is a reject here.
 */
export function checkJsonText(name: string, text: string): string | Failure {
  if (text.length > MAX_JSON) return { code: 'FIELD_TOO_LONG', message: `${name} is ${text.length} bytes (max ${MAX_JSON})` };
  if (FLAT_OBJECT.test(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return notObject(name, 'is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return notObject(name, 'must be a JSON object');
  const problem = valueProblem(parsed, 1) ?? (SUSPECT_NUMBER.test(text) ? numberProblem(text) : null);
  return problem ? notObject(name, problem) : text;
}

/** properties as NDJSON gives it, an object: written back as JSON text. */
export function checkJsonValue(name: string, value: object): string | Failure {
  if (Array.isArray(value)) return notObject(name, 'must be a JSON object');
  const problem = valueProblem(value, 1);
  return problem ? notObject(name, problem) : checkJsonText(name, JSON.stringify(value));
}

/** What jsonb would refuse in a parsed value: deep nesting, NUL or unpaired surrogates in strings, numbers beyond a double. */
function valueProblem(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'holds a number too large to store';
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return `is nested deeper than ${MAX_DEPTH} levels`;
  for (const [key, item] of Object.entries(value)) {
    const problem = textProblem(key) ?? valueProblem(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** NUL and unpaired UTF-16 surrogates: valid in JSON and JS strings, not in PostgreSQL text or jsonb. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  return (text as string & { isWellFormed(): boolean }).isWellFormed() ? null : 'contains an unpaired UTF-16 surrogate';
}

/** Scan the number tokens outside strings: jsonb's numeric refuses exponents past about ±16,000 and ~130,000 digits. */
function numberProblem(text: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '"') {
      for (i += 1; i < text.length && text[i] !== '"'; i += 1) if (text[i] === '\\') i += 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const start = i;
      while (i + 1 < text.length && /[-+0-9.eE]/.test(text[i + 1] as string)) i += 1;
      const token = text.slice(start, i + 1);
      const exponent = /[eE]([+-]?\d+)$/.exec(token);
      if ((exponent && Math.abs(Number(exponent[1])) > 1000) || token.length > 1000) return `holds a number jsonb cannot store (${token.slice(0, 20)}...)`;
    }
  }
  return null;
}
