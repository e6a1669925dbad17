/**
 * UNKNOWN_COLUMN / WRONG_TYPE for a metric's `column`: sum, avg, min, max and
 * percentile need numbers; distinct counts work on any column but json
 * (json values have no equality in SQL).
 */
import type { DefinitionProblem } from '../../util/errors';
import type { Draft } from '../draft';
import type { ColumnType, Metric } from '../types';
import { expectType, lookupColumn, NOT_JSON } from './lookup';

function columnNeed(metric: Metric): { column: string; types: readonly ColumnType[]; need: string } | null {
  switch (metric.kind) {
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
    case 'percentile':
      return metric.column === null ? null : { column: metric.column, types: ['number'], need: `a number column for ${metric.kind}` };
    case 'count_distinct':
    case 'daily_mean':
    case 'trailing_distinct':
      return metric.column === null ? null : { column: metric.column, types: NOT_JSON, need: `a column that is not json for ${metric.kind}` };
    default:
      return null;
  }
}

export function checkMetricColumns(draft: Draft, problems: DefinitionProblem[]): void {
  for (const { def: metric, at } of draft.metrics.values()) {
    const need = columnNeed(metric);
    // An unknown model is reported by metric-models.ts.
    const model = need && 'model' in metric ? draft.models.get(metric.model)?.def : undefined;
    if (!need || !model) continue;
    const subject = `Metric "${metric.name}"`;
    const column = lookupColumn(model, need.column, subject, at(['column']), problems);
    if (column) expectType(model, column, need.types, subject, need.need, at(['column']), problems);
  }
}
