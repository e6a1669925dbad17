/** Why a mart cannot answer a step exactly: every reason has a code, and a unit test (test/marts/match.test.ts). */
export type RefusalReason =
  /** PULSE_MARTS=off. */
  | 'MARTS_OFF'
  /** Not in the warehouse yet, or built from another definition: `pulse refresh` builds it. */
  | 'NOT_BUILT'
  /** Built for another data version than the warehouse's. */
  | 'STALE'
  /** Derived from another model than the step reads. */
  | 'OTHER_MODEL'
  /** The query's timezone is not one the mart keeps. */
  | 'TIMEZONE'
  /** The query's week start is not one the mart keeps. */
  | 'WEEK_START'
  /** The query's buckets are finer than the mart's, or not made of them. */
  | 'GRAIN'
  /** A clipped bucket (the range does not start or end on a bucket boundary of the mart). */
  | 'CLIPPED'
  /** A dimension the mart's rows do not carry (grouped by or filtered on). */
  | 'DIMENSION'
  /** The metric counts only some rows (a metric filter), which the mart does not keep apart. */
  | 'METRIC_FILTER'
  /** The metric's kind or column is not one the mart holds. */
  | 'METRIC'
  /** The mart has no session columns (no sessions mart of its model). */
  | 'NO_SESSIONS'
  /** The answer depends on activity after asOf, and the mart covers activity past it. */
  | 'AS_OF';

export interface Refusal {
  readonly mart: string;
  readonly reason: RefusalReason;
  readonly detail: string;
}

/** A refusal, or null when the mart can answer. */
export type Check = Refusal | null;

export function refuse(mart: string, reason: RefusalReason, detail: string): Refusal {
  return { mart, reason, detail };
}
