import type { Failure } from './rules';

// ISO-8601 date or date-time; the offset is optional (absent = UTC, per SPEC §1).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const MIN_TIME = Date.UTC(1970, 0, 1);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real instant from 1970 up to `now`, as its one canonical text: UTC,
 * YYYY-MM-DDTHH:MM:SS, then the fraction rounded to microseconds as
 * PostgreSQL stores it, trailing zeros dropped, then Z. One instant, one
 * text: keys compare in Node as they do in the warehouse.
 */
export function checkTimestamp(name: string, text: string, now: number): string | Failure {
  const fast = canonicalInstant(text);
  if (fast !== null) {
    if (fast > now) return { code: 'TIMESTAMP_IN_FUTURE', message: `${name} ${text} is in the future` };
    if (fast < MIN_TIME) return { code: 'TIMESTAMP_OUT_OF_RANGE', message: `${name} ${text} is before 1970-01-01` };
    return text;
  }
  const m = ISO.exec(text);
  if (!m) return { code: 'BAD_TIMESTAMP', message: `${name} ${JSON.stringify(text)} is not an ISO-8601 timestamp` };
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset = 'Z'] = m;
  const offsetHours = offset === 'Z' ? 0 : Number(offset.slice(1, 3));
  const offsetMins = offset === 'Z' ? 0 : Number(offset.slice(1).replace(':', '').slice(2) || '0');
  if (!realDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || offsetHours > 15 || offsetMins > 59) {
    return { code: 'BAD_TIMESTAMP', message: `${name} ${JSON.stringify(text)} is not a real date/time` };
  }
  const sign = offset.startsWith('-') ? -1 : 1;
  let micros = Math.round(Number(frac.padEnd(9, '0')) / 1000);
  let millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - sign * (offsetHours * 60 + offsetMins) * 60_000;
  if (micros === 1_000_000) {
    millis += 1000;
    micros = 0;
  }
  if (millis + micros / 1000 > now) return { code: 'TIMESTAMP_IN_FUTURE', message: `${name} ${text} is in the future` };
  if (millis < MIN_TIME) return { code: 'TIMESTAMP_OUT_OF_RANGE', message: `${name} ${text} is before 1970-01-01` };
  const fraction = micros ? `.${String(micros).padStart(6, '0').replace(/0+$/, '')}` : '';
  return `${new Date(millis).toISOString().slice(0, 19)}${fraction}Z`;
}

/** The sub-second part of a canonical timestamp, in microseconds. */
export function fractionMicros(canonical: string): number {
  return canonical.length === 20 ? 0 : Number(canonical.slice(20, -1).padEnd(6, '0'));
}

function realDate(year: number, month: number, day: number): boolean {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0) + leap;
}

const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;
const two = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const SEPARATORS: readonly [number, number][] = [[4, 45], [7, 45], [13, 58], [16, 58]];

/**
 * The common case without a regex or a new string: exactly YYYY-MM-DDTHH:MM:SSZ,
 * a real date and time, which is already canonical. Its instant in ms, or null
 * to take the general path.
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
  const h = two(text, 11);
  const mi = two(text, 14);
  const sec = two(text, 17);
  if (!realDate(year, month, day) || h > 23 || mi > 59 || sec > 59) return null;
  return Date.UTC(year, month - 1, day, h, mi, sec);
}
