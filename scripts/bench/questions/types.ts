import type { Row } from '../../../src/db';

/**
 * A benchmark question: one GraphQL request to Pulse and the same question as
 * hand-written SQL on the raw tables, each turned into the same canonical
 * rows so the two answers can be compared value by value.
 */

export type Value = string | number | boolean | null;
export type CanonicalRow = Readonly<Record<string, Value>>;

export interface Question {
  /** a, b, c, ... as in the issue. */
  readonly id: string;
  readonly title: string;
  /** The root field is aliased `answer` and selects `meta { cached source }`. */
  readonly document: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Whether row order is part of the answer (a page, a series); otherwise rows are compared as a set. */
  readonly ordered: boolean;
  fromPulse(answer: unknown): CanonicalRow[];
  fromSql(rows: readonly Row[]): CanonicalRow[];
}

/** Where the questions are asked: relative to the data's last day, in one zone. */
export interface QuestionContext {
  /** Last day of data, YYYY-MM-DD. */
  readonly endDate: string;
  readonly timezone: string;
}
