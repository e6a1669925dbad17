import DataLoader from 'dataloader';
import type { CompiledQuery } from 'kysely';
import type { Row } from '../db';
import { sourceLabel, type AnswerMeta } from './answer-meta';
import { displaySql } from './display-sql';
import type { Executor } from './executor';
import type { RunScope } from './statement-tally';

/** A compiled statement and what it reads: the marts it was matched to, and whether it reads raw tables too. */
export interface Statement {
  readonly query: CompiledQuery;
  readonly marts: readonly string[];
  readonly raw: boolean;
}

export interface StatementAnswer {
  readonly rows: readonly Row[];
  /** The SQL with its values written in, for the `sql` field. */
  readonly sql: string;
  readonly cached: boolean;
  readonly meta: AnswerMeta;
}

/**
 * Per request: runs compiled statements through the executor (cache and
 * single-flight), once per distinct statement, all against the request's one
 * data version. Analyses (retention, lifecycle, funnel, ...) run through it.
 */
export function createStatementLoader(
  executor: Executor,
  dataVersion: () => Promise<string>,
  /** The request's: a tenant's statements run through row-level security; the tally counts them. */
  scope: RunScope = {},
): DataLoader<Statement, StatementAnswer, string> {
  return new DataLoader<Statement, StatementAnswer, string>(
    async (statements) => {
      const version = await dataVersion();
      return Promise.all(
        statements.map(async ({ query, marts, raw }) => {
          try {
            // Statements over raw tables take the heavy lane; marts answer in milliseconds.
            const result = await executor.run(query, version, scope, raw ? 'heavy' : 'light');
            const meta: AnswerMeta = { cached: result.cached, source: sourceLabel(marts, raw), dataVersion: result.dataVersion, computedAt: result.computedAt };
            scope.tally?.source(meta.source);
            return { rows: result.rows, sql: displaySql(query.sql, query.parameters), cached: result.cached, meta };
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
    },
    { cacheKeyFn: ({ query }) => JSON.stringify([query.sql, query.parameters]) },
  );
}
