import { label } from '../components/format';
import type { Grain } from '../state/view';

/** A metric or dimension name as the MetricField enum value (activeUsers → ACTIVE_USERS). */
export function fieldEnum(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export interface MetricRows {
  metrics: { rows: Array<Record<string, string | number | null>>; meta: { source: string; cached: boolean } };
}

/** One series per value of a dimension over the periods of the rows: what a stacked chart needs. */
export function pivot(rows: MetricRows['metrics']['rows'], dimension: string, metric: string): { periods: string[]; series: Array<{ name: string; data: Array<number | null> }> } {
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = new Map<string, Array<number | null>>();
  for (const row of rows) {
    const name = row[dimension] === null ? '(none)' : String(row[dimension]);
    const data = series.get(name) ?? periods.map(() => 0);
    data[index.get(String(row.period)) ?? 0] = row[metric] as number | null;
    series.set(name, data);
  }
  return { periods, series: [...series].map(([name, data]) => ({ name, data })) };
}

export const PALETTE = ['#4f6bed', '#22a06b', '#f5a524', '#e5484d', '#8e4ec6', '#0ea5b7', '#d6409f', '#7c8591', '#3e63dd', '#99c24d'];

export const axisLabelFor = (grain: Grain | null) => (value: string) => (grain === 'HOUR' ? value.slice(5, 16).replace('T', ' ') : grain === 'MONTH' ? value.slice(0, 7) : value.slice(0, 10));

export { label };
