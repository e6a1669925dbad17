import type { CompiledQuery, RawBuilder } from 'kysely';
import { compileStatement } from '../statement';

/** The pure parts of marts the refresh (src/refresh) needs: DDL, build and refresh statements. */
export { analyzeSql, createBareSql, createChangesSql, createMartSql, keySql, swapSql, martBuildSql, reloadedBy, sourcesOf, CHANGED_EVENTS, CHANGED_EVENTS_COLUMNS, SESSION_CHANGES, type BuildMode, type MartStatement } from './build';

export function compileMartSql(raw: RawBuilder<unknown>): CompiledQuery {
  return compileStatement(raw);
}
