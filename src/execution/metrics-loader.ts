import DataLoader from 'dataloader';
import type { Catalog } from '../catalog/types';
import { NO_MARTS, type MetricQuery } from '../compiler';
import type { Row } from '../db';
import { formatInstant } from '../util/time-format';
import { sourceLabel } from './answer-meta';
import { compileMetricsOnce } from './compile-memo';
import { displaySql } from './display-sql';
import { scopeOf, type Executor } from './executor';
import { martsForTenant } from './tenant-shadow';
import { answerBytes, type MetricAnswer, type MetricRowData } from './metric-answer';
import { metricQueryKey, shapeKey } from './metric-query-key';
import type { RunScope } from './statement-tally';
import type { WarehouseSnapshot } from './warehouse-snapshot';

export type { MetricAnswer, MetricRowData } from './metric-answer';

/**
 * Per request: `metrics` fields whose arguments and grouping match (they
 * differ only in which metrics they select) run as one SQL statement. A
 * repeated request is answered from the answer cache, formatted already.
 */
export function createMetricsLoader(
  catalog: Catalog,
  executor: Executor,
  snapshot: () => Promise<WarehouseSnapshot>,
  /** The request's: a tenant's answers come through row-level security, from per-user marts or raw tables; the tally counts statements. */
  scope: RunScope = {},
): DataLoader<MetricQuery, MetricAnswer, string> {
  return new DataLoader<MetricQuery, MetricAnswer, string>(
    async (queries) => {
      const answers: Array<MetricAnswer | Error> = new Array(queries.length);
      const groups = new Map<string, number[]>();
      queries.forEach((query, i) => {
        try {
          compileMetricsOnce(catalog, metricQueryKey(query), query, NO_MARTS); // each field's own errors stay its own
          const shape = shapeKey(query);
          groups.set(shape, [...(groups.get(shape) ?? []), i]);
        } catch (error) {
          answers[i] = error instanceof Error ? error : new Error(String(error));
        }
      });
      const state = await snapshot();
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          const members = indexes.map((i) => queries[i] as MetricQuery);
          try {
            const answer = await answerGroup(catalog, executor, merge(members), state, scope);
            for (const i of indexes) answers[i] = answer;
          } catch (error) {
            for (const i of indexes) answers[i] = error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
      return answers;
    },
    { cacheKeyFn: metricQueryKey },
  );
}

/** One query selecting every member's metrics; a lone member is its own merge. */
function merge(members: readonly MetricQuery[]): MetricQuery {
  const first = members[0] as MetricQuery;
  if (members.length === 1 && new Set(first.metrics).size === first.metrics.length) return first;
  return { ...first, metrics: [...new Set(members.flatMap((q) => q.metrics))] };
}

async function answerGroup(catalog: Catalog, executor: Executor, merged: MetricQuery, state: WarehouseSnapshot, scope: RunScope): Promise<MetricAnswer> {
  const { tenant, tally } = scope;
  const version = state.dataVersion;
  const queryKey = metricQueryKey(merged);
  const place = { catalogHash: executor.catalogHash, scope: scopeOf(tenant), dataVersion: version };
  const known = executor.cache.answers.get(queryKey, place);
  if (known) {
    tally?.answered('cache', known.rows.length, 0);
    tally?.source(known.meta.source);
    return known;
  }
  const compiled = compileMetricsOnce(catalog, queryKey, merged, tenant === undefined ? state.marts : martsForTenant(catalog, state.marts));
  const result = await executor.run(compiled.query, version, scope, compiled.provenance.raw ? 'heavy' : 'light');
  const answer: MetricAnswer = {
    rows: result.rows.map((row) => toRowData(row, merged.timezone, compiled.dimensions, compiled.metrics)),
    sql: displaySql(compiled.sql, compiled.parameters),
    cached: result.cached,
    meta: { cached: result.cached, source: sourceLabel(compiled.provenance.marts, compiled.provenance.raw), dataVersion: result.dataVersion, computedAt: result.computedAt },
  };
  tally?.source(answer.meta.source);
  // A stale answer (for an older version) is served once, never kept as the current version's.
  // What is kept is the answer as a hit returns it, one immutable object for every later request.
  if (result.dataVersion === version) executor.cache.answers.set(queryKey, place, { ...answer, cached: true, meta: { ...answer.meta, cached: true } }, answerBytes(answer));
  return answer;
}

function toRowData(row: Row, timezone: string, dimensions: readonly string[], metrics: readonly string[]): MetricRowData {
  const values: Record<string, string | number | null> = {};
  for (const d of dimensions) values[d] = (row[d] as string | null | undefined) ?? null;
  for (const m of metrics) {
    const v = row[m];
    values[m] = v === null || v === undefined ? null : Number(v);
  }
  const period = row.period instanceof Date ? formatInstant(row.period, timezone) : null;
  return { period, values };
}
