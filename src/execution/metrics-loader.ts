import DataLoader from 'dataloader';
import type { Catalog } from '../catalog/types';
import { compileMetricQuery, type MetricQuery } from '../compiler';
import type { Row } from '../db';
import { formatInstant } from '../util/time-format';
import { sourceLabel, type AnswerMeta } from './answer-meta';
import { displaySql } from './display-sql';
import type { Executor } from './executor';
import type { WarehouseSnapshot } from './warehouse-state';

/** One row of a `metrics` answer: period (ISO in the query zone) and values by snake_case name. */
export interface MetricRowData {
  readonly period: string | null;
  readonly values: Readonly<Record<string, string | number | null>>;
}

export interface MetricAnswer {
  readonly rows: readonly MetricRowData[];
  readonly sql: string;
  readonly cached: boolean;
  readonly meta: AnswerMeta;
}

/**
 * Per request: `metrics` fields whose arguments and grouping match (they
 * differ only in which metrics they select) run as one SQL statement.
 */
export function createMetricsLoader(
  catalog: Catalog,
  executor: Executor,
  snapshot: () => Promise<WarehouseSnapshot>,
): DataLoader<MetricQuery, MetricAnswer, string> {
  return new DataLoader<MetricQuery, MetricAnswer, string>(
    async (queries) => {
      const answers: Array<MetricAnswer | Error> = new Array(queries.length);
      const groups = new Map<string, number[]>();
      queries.forEach((query, i) => {
        try {
          compileMetricQuery(catalog, query); // each field's own errors stay its own
          const shape = shapeKey(query);
          groups.set(shape, [...(groups.get(shape) ?? []), i]);
        } catch (error) {
          answers[i] = error instanceof Error ? error : new Error(String(error));
        }
      });
      const { dataVersion: version, marts } = await snapshot();
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          const members = indexes.map((i) => queries[i] as MetricQuery);
          const merged: MetricQuery = { ...(members[0] as MetricQuery), metrics: [...new Set(members.flatMap((q) => q.metrics))] };
          try {
            const compiled = compileMetricQuery(catalog, merged, { marts });
            const result = await executor.run(compiled.query, version);
            const answer: MetricAnswer = {
              rows: result.rows.map((row) => toRowData(row, merged.timezone, compiled.dimensions, compiled.metrics)),
              sql: displaySql(compiled.sql, compiled.parameters),
              cached: result.cached,
              meta: { cached: result.cached, source: sourceLabel(compiled.provenance.marts, compiled.provenance.raw), dataVersion: version, computedAt: result.computedAt },
            };
            for (const i of indexes) answers[i] = answer;
          } catch (error) {
            for (const i of indexes) answers[i] = error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
      return answers;
    },
    { cacheKeyFn: (query) => JSON.stringify(normalised(query)) },
  );
}

function normalised(query: MetricQuery): unknown {
  return { ...query, where: query.where ? filterJson(query.where) : null };
}

function shapeKey(query: MetricQuery): string {
  return JSON.stringify({ ...(normalised(query) as object), metrics: null });
}

function filterJson(node: NonNullable<MetricQuery['where']>): unknown {
  return { d: [...node.dimensions.entries()], and: node.and.map(filterJson), or: node.or.map(filterJson) };
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
