import { formatInstant } from '../../util/time-format';

export interface RetentionPeriodRow {
  readonly offset: number;
  /** Start of the offset's bucket, ISO in the query timezone. */
  readonly periodStart: string;
  readonly retained: number;
  /** retained / size; null for an empty cohort. */
  readonly rate: number | null;
}

export interface RetentionCohortRow {
  /** Start of the cohort's bucket, ISO in the query timezone. */
  readonly cohort: string;
  readonly breakdown: string | null;
  readonly size: number;
  readonly periods: readonly RetentionPeriodRow[];
}

/** Rows of compileRetention (ordered by cohort, breakdown, offset) -> one entry per cohort and breakdown value. */
export function retentionCohorts(rows: readonly Record<string, unknown>[], timezone: string): RetentionCohortRow[] {
  const out: Array<RetentionCohortRow & { periods: RetentionPeriodRow[] }> = [];
  let current: (typeof out)[number] | undefined;
  for (const row of rows) {
    const cohort = formatInstant(new Date(row.cohort as Date | string), timezone);
    const breakdown = (row.breakdown as string | null | undefined) ?? null;
    const size = Number(row.size);
    if (!current || current.cohort !== cohort || current.breakdown !== breakdown) {
      current = { cohort, breakdown, size, periods: [] };
      out.push(current);
    }
    const retained = Number(row.retained);
    current.periods.push({
      offset: Number(row.period_offset),
      periodStart: formatInstant(new Date(row.period_start as Date | string), timezone),
      retained,
      rate: size === 0 ? null : retained / size,
    });
  }
  return out;
}
