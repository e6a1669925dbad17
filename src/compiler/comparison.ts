import type { Grain, TimeRange, WeekStart } from './query';
import { addDays, bucketCount, bucketOrdinal, epochDay } from './time-range';

/** SPEC §12: what a `metrics` answer is compared with. */
export type CompareTo = 'PREVIOUS_PERIOD' | 'PREVIOUS_YEAR';

interface Spec {
  readonly grain: Grain | null;
  readonly weekStart: WeekStart;
}

/**
 * The comparison range (SPEC §12). PREVIOUS_PERIOD: back by the range's own length in buckets
 * of the grain (n days, 7n days, n months, 3n months, 12n years; with no grain or HOUR, its
 * length in days). PREVIOUS_YEAR: DAY, HOUR or no grain the same dates a year before (29 February
 * → 28 February); WEEK 52 weeks; MONTH, QUARTER and YEAR 12 months. Months are shifted keeping a
 * month's last day its last day, so bucket i of both ranges is clipped the same way.
 */
export function comparisonRange(range: TimeRange, spec: Spec, compareTo: CompareTo): TimeRange {
  const from = day(range.from);
  const to = day(range.to);
  const shift = (f: (date: string) => string): TimeRange => ({ from: f(range.from), to: f(range.to) });
  if (compareTo === 'PREVIOUS_YEAR') {
    if (spec.grain === 'WEEK') return shift((d) => addDays(d, -364));
    if (spec.grain === 'MONTH' || spec.grain === 'QUARTER' || spec.grain === 'YEAR') return shift((d) => addMonths(d, -12));
    return shift(yearBefore);
  }
  const n = spec.grain === null || spec.grain === 'HOUR' ? to - from + 1 : bucketCount(from, to, spec);
  switch (spec.grain) {
    case 'WEEK':
      return shift((d) => addDays(d, -7 * n));
    case 'MONTH':
      return shift((d) => addMonths(d, -n));
    case 'QUARTER':
      return shift((d) => addMonths(d, -3 * n));
    case 'YEAR':
      return shift((d) => addMonths(d, -12 * n));
    default:
      return shift((d) => addDays(d, -n));
  }
}

/**
 * Which bucket of a range a period (the bucket start, ISO with the zone's offset: its first
 * 19 characters are the local wall time) is: 0 for the bucket holding `from`. Buckets pair by it.
 */
export function bucketIndex(period: string, from: string, spec: Spec): number {
  const local = day(period.slice(0, 10));
  const first = day(from);
  if (spec.grain === 'HOUR') return (local - first) * 24 + Number(period.slice(11, 13));
  return bucketOrdinal(local, spec) - bucketOrdinal(first, spec);
}

/** `months` calendar months later (earlier when negative); a month's last day stays the last day, others are clamped to it. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  const last = daysIn(year, month);
  const dayOfMonth = d === daysIn(y, m) ? last : Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/** The same calendar date a year before; 29 February becomes 28 February. */
function yearBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dayOfMonth = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function day(date: string): number {
  const value = epochDay(date);
  if (value === null) throw new Error(`not a calendar date: ${date}`);
  return value;
}
