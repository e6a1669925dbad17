import { sql } from 'kysely';
import type { Catalog, Mart } from '../../../catalog/types';
import { assertNever } from '../../../util/errors';
import { changedSessionsSql, fullSessionsSql } from './sessions';
import { statement, type MartStatement } from './statement';
import { changedUserActivitySql, dayMartFor, fullUserActivitySql } from './user-activity';
import { changedUserTotalsSql, fullUserTotalsSql } from './user-totals';
import { changedRollupSql, fullRollupSql } from './rollup';
import { changedSummarySql, fullSummarySql } from './summaries';
import { changedChurnSql, fullChurnSql } from './churn';
import { dimension, modelsFor } from '../../sources';

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
      case 'churn':
        return fullChurnSql(catalog, mart);
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
    case 'churn':
      return changedChurnSql(catalog, mart);
    default:
      return assertNever(mart, 'mart kind');
  }
}

/** The marts whose rows are computed from this one's: a full rebuild of it must rebuild them too. */
export function sourcesOf(catalog: Catalog, mart: Mart): string[] {
  switch (mart.kind) {
    case 'sessions':
    case 'churn':
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

/**
 * The tables whose loads change a mart that is not kept from its model's new
 * rows (pulse_changed_events): a churn mart counts users and churn records,
 * and its dimensions read what users join to (plans). Empty for the others.
 */
export function reloadedBy(catalog: Catalog, mart: Mart): string[] {
  if (mart.kind !== 'churn') return [];
  const models = [mart.model, mart.churnModel, ...modelsFor(catalog, mart.dimensions.map((name) => dimension(catalog, name)), [])];
  return [...new Set(models.flatMap((name) => catalog.models.get(name)?.table ?? []))];
}

export function analyzeSql(table: string): MartStatement {
  return statement(sql`ANALYZE ${sql.table(table)}`);
}
