import type { CompiledQuery, RawBuilder } from 'kysely';
import { compileStatement } from '../../statement';

/** One statement of a mart's build or refresh; `counts` says whether its row count adds to or takes from the mart's rows. */
export interface MartStatement {
  readonly query: CompiledQuery;
  readonly counts: 'inserted' | 'deleted' | null;
}

export function statement(raw: RawBuilder<unknown>, counts: MartStatement['counts'] = null): MartStatement {
  return { query: compileStatement(raw), counts };
}

export const inserts = (raw: RawBuilder<unknown>): MartStatement => statement(raw, 'inserted');
export const deletes = (raw: RawBuilder<unknown>): MartStatement => statement(raw, 'deleted');
