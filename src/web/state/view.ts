/** The global controls of every page, read from the URL: date range, grain, timezone, week start and dimension filters. */
export const GRAINS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Grain = (typeof GRAINS)[number];

/** Presets end on the last day with data (the demo's data ends in the past), so a shared "last 30 days" keeps meaning the same data. */
export const RANGE_PRESETS = [
  { id: '7d', days: 7, label: 'Last 7 days' },
  { id: '30d', days: 30, label: 'Last 30 days' },
  { id: '90d', days: 90, label: 'Last 90 days' },
  { id: '180d', days: 180, label: 'Last 180 days' },
  { id: '365d', days: 365, label: 'Last 365 days' },
] as const;
export const DEFAULT_RANGE = '30d';
/** A filter value that stands for "missing" (no plan, no country): the API's null group. */
export const NONE = '(none)';

export interface GlobalView {
  readonly range: string;
  readonly from: string;
  readonly to: string;
  readonly grain: Grain | null;
  readonly timezone: string;
  readonly weekStart: 'MONDAY' | 'SUNDAY';
  /** Dimension (camelCase) → chosen values; NONE for the missing value. */
  readonly filters: ReadonlyMap<string, readonly string[]>;
}

export function readView(params: URLSearchParams, lastDataDay: string): GlobalView {
  const range = params.get('range') ?? DEFAULT_RANGE;
  const preset = RANGE_PRESETS.find((p) => p.id === range);
  const customFrom = params.get('from');
  const customTo = params.get('to');
  const [from, to] =
    range === 'custom' && isDate(customFrom) && isDate(customTo)
      ? [customFrom, customTo]
      : [addDays(lastDataDay, -((preset?.days ?? 30) - 1)), lastDataDay];
  const grain = params.get('grain');
  const filters = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (!key.startsWith('f.')) continue;
    const name = key.slice(2);
    filters.set(name, [...(filters.get(name) ?? []), value]);
  }
  return {
    range: range === 'custom' && isDate(customFrom) && isDate(customTo) ? 'custom' : (preset?.id ?? DEFAULT_RANGE),
    from,
    to,
    grain: GRAINS.includes(grain as Grain) ? (grain as Grain) : null,
    timezone: params.get('tz') ?? 'UTC',
    weekStart: params.get('week') === 'SUNDAY' ? 'SUNDAY' : 'MONDAY',
    filters,
  };
}

/** The arguments every analysis takes. */
export function timeArgs(view: GlobalView): { timeRange: { from: string; to: string }; timezone: string; weekStart: string } {
  return { timeRange: { from: view.from, to: view.to }, timezone: view.timezone, weekStart: view.weekStart };
}

export type DimensionFilter = Record<string, unknown>;

/**
 * The filters as a DimensionFilter (SPEC §9). With `reachable`, only the dimensions
 * those metrics can be filtered by: a filter on platform does not apply to churn rate.
 */
export function whereFor(view: GlobalView, reachable?: ReadonlySet<string>): DimensionFilter | null {
  const terms: DimensionFilter[] = [];
  for (const [name, values] of view.filters) {
    if (reachable && !reachable.has(name)) continue;
    const named = values.filter((v) => v !== NONE);
    const eq: DimensionFilter | null = named.length ? { [name]: { in: named } } : null;
    const missing: DimensionFilter | null = values.includes(NONE) ? { [name]: { isNull: true } } : null;
    if (eq && missing) terms.push({ OR: [eq, missing] });
    else if (eq ?? missing) terms.push((eq ?? missing) as DimensionFilter);
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? (terms[0] as DimensionFilter) : { AND: terms };
}

export function isDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Midnight at the start of `day` in `timezone`, as ISO-8601 with that zone's offset
 * (2026-11-01T00:00:00-04:00): the end of a range whose last day is the day before.
 */
export function zonedMidnight(day: string, timezone: string): string {
  const offsetAt = (instant: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - instant;
  };
  const local = Date.parse(`${day}T00:00:00Z`);
  // The instant whose local time is 00:00; the offset is read again there (it may differ across a DST change).
  let offset = offsetAt(local);
  offset = offsetAt(local - offset);
  const minutes = Math.round(offset / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${day}T00:00:00${sign}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`;
}

/** The end of the range (midnight after its last day, in its timezone): `asOf` of the users list and retention. */
export function rangeEnd(view: GlobalView): string {
  return zonedMidnight(addDays(view.to, 1), view.timezone);
}
