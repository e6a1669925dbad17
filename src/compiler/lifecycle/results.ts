import { formatInstant } from '../../util/time-format';
import { LIFECYCLE_STATES, type LifecycleState } from './compile-lifecycle';

export type LifecyclePeriodRow = { readonly period: string } & Readonly<Record<LifecycleState, number>>;

/** Rows of compileLifecycle -> periods with their state counts, periods ISO in the query timezone. */
export function lifecyclePeriods(rows: readonly Record<string, unknown>[], timezone: string): LifecyclePeriodRow[] {
  return rows.map((row) => {
    const counts = Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, Number(row[s])])) as Record<LifecycleState, number>;
    return { period: formatInstant(new Date(row.period as Date | string), timezone), ...counts };
  });
}
