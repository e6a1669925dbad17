/** What a data test run reports: one result per test, and their summary. */
import type { DataTestKind, DataTestSeverity } from '../catalog/data-test-types';

/** pass; fail (an error-severity test found rows); warn (a warn-severity one did); error (its SQL failed). */
export type DataTestStatus = 'pass' | 'fail' | 'warn' | 'error';

export interface DataTestResult {
  readonly name: string;
  readonly kind: DataTestKind;
  readonly model: string | null;
  readonly column: string | null;
  readonly severity: DataTestSeverity;
  readonly status: DataTestStatus;
  /** Failing rows; null when the test errored. */
  readonly failures: number | null;
  /** Up to SAMPLE_SIZE failing rows, as objects of their columns. */
  readonly sample: ReadonlyArray<Record<string, unknown>>;
  /** Why the test errored. */
  readonly message: string | null;
  readonly durationMs: number;
  readonly checkedAt: Date;
}

export interface DataQualitySummary {
  readonly passed: number;
  readonly failed: number;
  readonly warned: number;
  readonly errored: number;
  /** When the latest of the results was checked; null when there are none. */
  readonly lastRunAt: Date | null;
  /** No test failed or errored (warnings allowed). */
  readonly ok: boolean;
}

/** jsonb arrives parsed from pg and PGlite; text is parsed, anything else is no sample. */
export function sampleRows(value: unknown): Array<Record<string, unknown>> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null && !Array.isArray(row));
}

export function summarise(results: readonly DataTestResult[]): DataQualitySummary {
  const count = (status: DataTestStatus) => results.filter((r) => r.status === status).length;
  const times = results.map((r) => r.checkedAt.getTime());
  const failed = count('fail');
  const errored = count('error');
  return {
    passed: count('pass'),
    failed,
    warned: count('warn'),
    errored,
    lastRunAt: times.length === 0 ? null : new Date(Math.max(...times)),
    ok: failed === 0 && errored === 0,
  };
}
