import { QueryError } from '../util/errors';
import { LIMITS, type TimeSpec } from './query';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD calendar date, or null when it is not one. */
export function epochDay(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/** The calendar date `days` after (or before, when negative) a valid YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const day = epochDay(date);
  if (day === null) throw new Error(`not a calendar date: ${date}`);
  return new Date((day + days) * 86_400_000).toISOString().slice(0, 10);
}

// Building an Intl.DateTimeFormat to check a zone costs more than the rest of a cached request;
// the names found valid are remembered (there are a few hundred; the bound keeps junk from growing it).
const validZones = new Set<string>();
const MAX_VALID_ZONES = 2_048;

export function isValidTimezone(name: string): boolean {
  if (validZones.has(name)) return true;
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  if (validZones.size < MAX_VALID_ZONES) validZones.add(name);
  return true;
}

/** Checks every time argument; throws a QueryError naming the one that is wrong. */
export function validateTimeSpec(spec: TimeSpec): void {
  const from = epochDay(spec.timeRange.from);
  const to = epochDay(spec.timeRange.to);
  if (from === null) throw new QueryError('timeRange.from', `"${spec.timeRange.from}" is not a calendar date (YYYY-MM-DD).`);
  if (to === null) throw new QueryError('timeRange.to', `"${spec.timeRange.to}" is not a calendar date (YYYY-MM-DD).`);
  if (from > to) {
    throw new QueryError('timeRange', `from (${spec.timeRange.from}) is after to (${spec.timeRange.to}).`);
  }
  if (!isValidTimezone(spec.timezone)) {
    throw new QueryError('timezone', `"${spec.timezone}" is not a known IANA timezone (e.g. "Europe/Berlin").`);
  }
  const buckets = bucketCount(from, to, spec);
  if (buckets > LIMITS.maxBuckets) {
    throw new QueryError(
      'grain',
      `${spec.grain ?? 'no grain'} over ${spec.timeRange.from}..${spec.timeRange.to} makes ${buckets} buckets; the maximum is ${LIMITS.maxBuckets}. Use a coarser grain or a shorter timeRange.`,
    );
  }
}

/** How many buckets of the grain the range touches (HOUR counts 24 a day; DST shifts it by one at most). */
export function bucketCount(fromDay: number, toDay: number, spec: Pick<TimeSpec, 'grain' | 'weekStart'>): number {
  const ordinal = (day: number): number => bucketOrdinal(day, spec);
  return spec.grain === 'HOUR' ? (toDay - fromDay + 1) * 24 : ordinal(toDay) - ordinal(fromDay) + 1;
}

/** True when the calendar day (days since 1970-01-01) is the first day of a bucket of the grain. */
export function startsBucket(day: number, spec: Pick<TimeSpec, 'grain' | 'weekStart'>): boolean {
  return bucketOrdinal(day, spec) !== bucketOrdinal(day - 1, spec);
}

export function bucketOrdinal(day: number, spec: Pick<TimeSpec, 'grain' | 'weekStart'>): number {
  const date = new Date(day * 86_400_000);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  switch (spec.grain) {
    case null:
      return 0;
    case 'HOUR':
    case 'DAY':
      return day;
    case 'WEEK':
      // 1970-01-01 was a Thursday: shift so weeks start on Monday (or Sunday).
      return Math.floor((day + (spec.weekStart === 'SUNDAY' ? 4 : 3)) / 7);
    case 'MONTH':
      return months;
    case 'QUARTER':
      return Math.floor(months / 3);
    case 'YEAR':
      return date.getUTCFullYear();
  }
}
