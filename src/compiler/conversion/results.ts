/** One signup cohort, as the GraphQL ConversionCohort (cohort still an instant). */
export interface ConversionCohortRow {
  readonly cohort: Date;
  readonly size: number;
  readonly converted: number;
  /** converted / size; null for an empty cohort. */
  readonly conversionRate: number | null;
  readonly medianDaysToConvert: number | null;
  readonly medianSessionsBeforeConvert: number | null;
}

export function conversionCohortRows(rows: readonly Record<string, unknown>[]): ConversionCohortRow[] {
  return rows.map((row) => {
    const size = Number(row.size);
    const converted = Number(row.converted);
    return {
      cohort: row.cohort instanceof Date ? row.cohort : new Date(String(row.cohort)),
      size,
      converted,
      conversionRate: size === 0 ? null : converted / size,
      medianDaysToConvert: numberOrNull(row.median_days),
      medianSessionsBeforeConvert: numberOrNull(row.median_sessions),
    };
  });
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
