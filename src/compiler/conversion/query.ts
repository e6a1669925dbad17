import type { FilterNode } from '../../catalog/types';
import type { TimeSpec } from '../query';

/** A `conversion` request after argument parsing, in catalog names (snake_case). */
export interface ConversionQuery extends TimeSpec {
  /** The goal: events whose goal dimension equals this. */
  readonly goalEventType: string;
  /** A conversion counts only up to windowDays x 24 h after signup (end inclusive); null: no limit. */
  readonly windowDays: number | null;
  /** ISO-8601 instant: later signups, goal events and activity do not exist; null: no cutoff. */
  readonly asOf: string | null;
  /** On user dimensions only: cohorts are made of users. */
  readonly where: FilterNode | null;
}

export const CONVERSION_LIMITS = Object.freeze({ maxWindowDays: 3660 });
