import type { FilterNode } from '../../catalog/types';
import type { TimeSpec } from '../query';

/** What places a user in a cohort: their signup, or their first (filtered) event ever. */
export type CohortBy = 'SIGNUP' | 'FIRST_ACTIVITY';

/** A retention request (SPEC §5) in catalog names; the resolver fills the defaults. */
export interface RetentionQuery extends TimeSpec {
  /** Offsets 0..periods-1 after each cohort's bucket. */
  readonly periods: number;
  readonly cohortBy: CohortBy;
  /** Activity after it does not count; offsets (and cohorts) starting after it are left out. */
  readonly asOf: Date;
  readonly where: FilterNode | null;
  /** A dimension (snake_case) reachable from the users model that splits every cohort. */
  readonly breakdown: string | null;
}

export const RETENTION_GRAINS = ['DAY', 'WEEK', 'MONTH'] as const;

export const RETENTION_LIMITS = Object.freeze({
  maxPeriods: 1000,
  /** cohorts x periods: the rows of the answer before any breakdown. */
  maxCells: 100_000,
});
