/** Number formats of the dashboard: thousands separators, percentages, durations, signed changes. */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export type Unit = 'count' | 'ratio' | 'seconds' | 'decimal';

export function formatValue(value: number | null | undefined, unit: Unit = 'count'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(Math.abs(value) < 0.1 ? 2 : 1)}%`;
    case 'seconds':
      return formatDuration(value);
    case 'decimal':
      return decimal.format(value);
    default:
      return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
  }
}

export function formatAxis(value: number, unit: Unit = 'count'): string {
  if (unit === 'ratio') return `${Math.round(value * 100)}%`;
  if (unit === 'seconds') return formatDuration(value);
  return Math.abs(value) >= 10_000 ? compact.format(value) : integer.format(value);
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The change from previous to current: relative for counts, in points for ratios. */
export function formatChange(current: number | null | undefined, previous: number | null | undefined, unit: Unit): { text: string; sign: -1 | 0 | 1 } | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (unit === 'ratio') {
    const points = (current - previous) * 100;
    return { text: `${points >= 0 ? '+' : ''}${points.toFixed(1)} pts`, sign: Math.sign(points) as -1 | 0 | 1 };
  }
  if (previous === 0) return null;
  const relative = (current - previous) / previous;
  return { text: `${relative >= 0 ? '+' : ''}${(relative * 100).toFixed(1)}%`, sign: Math.sign(relative) as -1 | 0 | 1 };
}

/** A bucket start (ISO with offset) as a label: the local date, and the time at HOUR grain. */
export function formatPeriod(period: string | null | undefined, grain: string | null): string {
  if (!period) return '–';
  if (grain === 'HOUR') return `${period.slice(0, 10)} ${period.slice(11, 16)}`;
  if (grain === 'MONTH') return period.slice(0, 7);
  if (grain === 'YEAR') return period.slice(0, 4);
  return period.slice(0, 10);
}

/** The unit of a catalog metric, from its name: rates and stickiness are shares, durations seconds. */
export function unitOf(metric: string): Unit {
  if (/rate$|stickiness/i.test(metric)) return 'ratio';
  if (/duration/i.test(metric)) return 'seconds';
  if (/frequency|perUser|^dau$/i.test(metric)) return 'decimal';
  return 'count';
}

export function label(name: string): string {
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  if (/^(dau|wau|mau)$/i.test(name)) return name.toUpperCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}
