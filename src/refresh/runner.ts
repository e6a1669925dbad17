import { CompiledQuery } from 'kysely';

/** Runs statements on one connection, inside the caller's transaction (an ingest session, or a Kysely transaction). */
export interface SqlRunner {
  run(query: CompiledQuery): Promise<{ readonly rows: readonly Record<string, unknown>[]; readonly affected: number }>;
}

/** Anything that runs a compiled query: a Kysely instance or transaction of any schema. */
export interface QueryExecutor {
  executeQuery(query: CompiledQuery): Promise<{ readonly rows: readonly unknown[]; readonly numAffectedRows?: bigint }>;
}

export function kyselyRunner(db: QueryExecutor): SqlRunner {
  return {
    async run(query) {
      const result = await db.executeQuery(query);
      return { rows: result.rows as readonly Record<string, unknown>[], affected: Number(result.numAffectedRows ?? 0) };
    },
  };
}

export function rawQuery(text: string, parameters: readonly unknown[] = []): CompiledQuery {
  return CompiledQuery.raw(text, [...parameters]);
}
