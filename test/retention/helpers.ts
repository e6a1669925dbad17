import type { TestApi } from '../support/api';

export interface CohortLine {
  cohort: string;
  breakdown: string | null;
  size: number;
  retained: number[];
  rate: Array<number | null>;
}

interface RetentionAnswer {
  retention: {
    cohorts: Array<{ cohort: string; breakdown: string | null; size: number; periods: Array<{ offset: number; retained: number; rate: number | null }> }>;
  };
}

/** `retention(args)` as one line per cohort: retained and rate by offset (offsets checked to be 0, 1, 2, ...). */
export async function cohorts(api: TestApi, args: string): Promise<CohortLine[]> {
  const data = await api.data<RetentionAnswer>(
    `{ retention(${args}) { cohorts { cohort breakdown size periods { offset retained rate } } } }`,
  );
  return data.retention.cohorts.map((c) => {
    expect(c.periods.map((p) => p.offset)).toEqual(c.periods.map((_, i) => i));
    return {
      cohort: c.cohort,
      breakdown: c.breakdown,
      size: c.size,
      retained: c.periods.map((p) => p.retained),
      rate: c.periods.map((p) => (p.rate === null ? null : Math.round(p.rate * 1e6) / 1e6)),
    };
  });
}

/** A cohort line for toEqual, with rates derived from retained / size. */
export function line(cohort: string, size: number, retained: number[], breakdown: string | null = null): CohortLine {
  return { cohort, breakdown, size, retained, rate: retained.map((r) => (size === 0 ? null : Math.round((r / size) * 1e6) / 1e6)) };
}
