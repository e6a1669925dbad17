import DataLoader from 'dataloader';
import type { CompiledQuery } from 'kysely';
import type { Row } from '../db';
import { displaySql } from './display-sql';
import type { Executor } from './executor';

export interface StatementAnswer {
  readonly rows: readonly Row[];
  /** The SQL with its values written in, for the `sql` field. */
  readonly sql: string;
  readonly cached: boolean;
}

/**
 * Per request: runs compiled statements through the executor (cache and
 * single-flight), once per distinct statement, all against the request's one
 * data version. Analyses (retention, lifecycle, funnel, ...) run through it.
 */
export function createStatementLoader(executor: Executor, dataVersion: () => Promise<string>): DataLoader<CompiledQuery, StatementAnswer, string> {
  return new DataLoader<CompiledQuery, StatementAnswer, string>(
    async (queries) => {
      const version = await dataVersion();
      return Promise.all(
        queries.map(async (query) => {
          try {
            const result = await executor.run(query, version);
            return { rows: result.rows, sql: displaySql(query.sql, query.parameters), cached: result.cached };
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      );
    },
    { cacheKeyFn: (query) => JSON.stringify([query.sql, query.parameters]) },
  );
}
