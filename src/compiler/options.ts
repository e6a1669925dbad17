import type { Dialect } from './dialect';
import type { MartsState } from './marts/state';

/** What every compiler takes besides the catalog and the query. */
export interface CompileOptions {
  /** The SQL engine to write for; PostgreSQL (and PGlite) when absent. */
  readonly dialect?: Dialect;
  /** The marts that may answer; none when absent. */
  readonly marts?: MartsState;
}
