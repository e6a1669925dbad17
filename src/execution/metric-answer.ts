import type { AnswerMeta } from './answer-meta';

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

/** Approximate bytes held by an answer, for the answer cache's bound. */
export function answerBytes(answer: MetricAnswer): number {
  let bytes = 128 + answer.sql.length * 2;
  for (const row of answer.rows) {
    bytes += 48 + (row.period?.length ?? 0) * 2;
    for (const value of Object.values(row.values)) bytes += typeof value === 'string' ? 16 + value.length * 2 : 16;
  }
  return bytes;
}
