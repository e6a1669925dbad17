import type { FilterNode } from '../../catalog/types';
import type { TimeRange } from '../query';

/** One step: an event whose step dimension equals `eventType`, optionally narrowed by `where`. */
export interface FunnelStepSpec {
  readonly eventType: string;
  readonly where: FilterNode | null;
}

/** A `funnel` request after argument parsing, in catalog names (snake_case). */
export interface FunnelQuery {
  readonly steps: readonly FunnelStepSpec[];
  /** Entries (step-1 events) must fall in [from 00:00, to + 1 day 00:00) in `timezone`. */
  readonly timeRange: TimeRange;
  readonly timezone: string;
  /** Each later step must happen at most windowDays x 24 h after the entry (end inclusive). */
  readonly windowDays: number;
  /** Applies to every event, of every step. */
  readonly where: FilterNode | null;
  /** A dimension to split users by; null for one group. */
  readonly breakdown: string | null;
}

export const FUNNEL_LIMITS = Object.freeze({
  maxSteps: 20,
  // Later steps are searched up to the window past the range end: this bounds the scan.
  maxWindowDays: 365,
});
