import { sql } from 'kysely';
import type { Catalog, Mart } from '../../../catalog/types';
import { assertNever } from '../../../util/errors';
import { changedSessionsSql, fullSessionsSql } from './sessions';
import { statement, type MartStatement } from './statement';
import { changedUserActivitySql, dayMartFor, fullUserActivitySql } from './user-activity';
import { changedUserTotalsSql, fullUserTotalsSql } from './user-totals';
import { changedRollupSql, fullRollupSql } from './rollup';
import { changedSummarySql, fullSummarySql } from './summaries';

export { createChangesSql, CHANGED_EVENTS, CHANGED_EVENTS_COLUMNS, SESSION_CHANGES } from './changes';
export { createBareSql, createMartSql, keySql, swapSql } from './ddl';
export type { MartStatement } from './statement';

/** `full`: every row again; `changes`: only what the rows in pulse_changed_events touch. */
export type BuildMode = 'full' | 'changes';

/** The statements that bring one mart up to date, in order. Pure. */
export function martBuildSql(catalog: Catalog, mart: Mart, mode: BuildMode): MartStatement[] {
  if (mode === 'full') {
    // Into an empty table (refresh.ts builds it aside and swaps it in).
    switch (mart.kind) {
      case 'sessions':
        return fullSessionsSql(catalog, mart);
      case 'user_activity':
        return fullUserActivitySql(catalog, mart);
      case 'user_totals':
        return fullUserTotalsSql(catalog, mart);
      case 'rollup':
        return fullRollupSql(catalog, mart);
      case 'lifecycle':
      case 'retention':
      case 'trailing':
        return fullSummarySql(catalog, mart);
      default:
        return assertNever(mart, 'mart kind');
    }
  }
  switch (mart.kind) {
    case 'sessions':
      return changedSessionsSql(catalog, mart);
    case 'user_activity':
      return changedUserActivitySql(catalog, mart);
    case 'user_totals':
      return changedUserTotalsSql(catalog, mart);
    case 'rollup':
      return changedRollupSql(catalog, mart);
    case 'lifecycle':
    case 'retention':
    case 'trailing':
      return changedSummarySql(catalog, mart);
    default:
      return assertNever(mart, 'mart kind');
  }
}

/** The marts whose rows are computed from this one's: a full rebuild of it must rebuild them too. */
export function sourcesOf(catalog: Catalog, mart: Mart): string[] {
  switch (mart.kind) {
    case 'sessions':
      return [];
    case 'user_activity':
      return [...(mart.sessions ? [mart.sessions] : []), ...mart.timezones.flatMap((tz) => dayMartFor(catalog, mart, tz)?.name ?? [])];
    case 'user_totals':
      return [...catalog.marts.values()].filter((m) => m.model === mart.model && (m.kind === 'sessions' || m.kind === 'user_activity')).map((m) => m.name);
    case 'rollup':
    case 'lifecycle':
    case 'retention':
    case 'trailing':
      return [mart.source];
    default:
      return assertNever(mart, 'mart kind');
  }
}

export function analyzeSql(table: string): MartStatement {
  return statement(sql`ANALYZE ${sql.table(table)}`);
}
