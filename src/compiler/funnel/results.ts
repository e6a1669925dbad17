import type { FunnelStepSpec } from './query';

/** One step of one breakdown group, as the GraphQL FunnelStepResult. */
export interface FunnelStepRow {
  /** From 1. */
  readonly index: number;
  readonly eventType: string;
  readonly breakdown: string | null;
  readonly users: number;
  /** users / step-1 users of the group; null when that is 0. */
  readonly conversionRate: number | null;
  /** users / the previous step's users (step 1: users / users); null when that is 0. */
  readonly stepConversionRate: number | null;
}

/** Rows of (breakdown, step, users), ordered by group then step, -> steps with their rates. */
export function funnelStepRows(rows: readonly Record<string, unknown>[], steps: readonly FunnelStepSpec[]): FunnelStepRow[] {
  const out: FunnelStepRow[] = [];
  let first = 0;
  let previous = 0;
  for (const row of rows) {
    const index = Number(row.step);
    const users = Number(row.users);
    if (index === 1) first = previous = users;
    out.push({
      index,
      eventType: steps[index - 1]?.eventType ?? '',
      breakdown: (row.breakdown as string | null | undefined) ?? null,
      users,
      conversionRate: ratio(users, first),
      stepConversionRate: ratio(users, previous),
    });
    previous = users;
  }
  return out;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
