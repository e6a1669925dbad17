import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Warehouse, WarehouseTables } from '../db';
import { copyChunks } from './copy-text';

export interface QueryResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

/**
 * One database session for a whole load: each batch's transaction lives on it.
 * PostgreSQL gets its own pg client because COPY needs the raw connection, which
 * Kysely's pool does not expose; PGlite (one connection) is borrowed from Kysely
 * for the duration and COPYs through its /dev/blob device.
 */
export interface Session {
  query(text: string, params?: readonly unknown[]): Promise<QueryResult>;
  /**
   * A read of committed data that must not wait for the batch in flight: on
   * PostgreSQL it goes over a second connection, so Node checks the next batch
   * while the server takes the COPY of this one.
   */
  lookup(text: string, params?: readonly unknown[]): Promise<QueryResult>;
  /** Append rows, given as COPY text lines (see copy-text.ts), with COPY: the fastest path of both engines. */
  copyLines(table: string, columns: readonly string[], lines: Iterable<string>): Promise<void>;
}

export async function withSession<T>(warehouse: Warehouse, databaseUrl: string | null, run: (s: Session) => Promise<T>): Promise<T> {
  if (warehouse.engine === 'postgres') {
    if (!databaseUrl) throw new Error('a PostgreSQL warehouse needs its databaseUrl for COPY');
    const client = new pg.Client({ connectionString: databaseUrl });
    const reader = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await reader.connect();
      return await run(postgresSession(client, reader));
    } finally {
      await Promise.allSettled([client.end(), reader.end()]);
    }
  }
  const { pglite } = warehouse;
  if (!pglite) throw new Error('a PGlite warehouse must expose its instance for COPY');
  return warehouse.db.connection().execute((db) => run(pgliteSession(db, pglite)));
}

function postgresSession(client: pg.Client, reader: pg.Client): Session {
  const on = (c: pg.Client) => async (text: string, params: readonly unknown[] = []): Promise<QueryResult> => {
    const result = await c.query(text, [...params]);
    return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
  };
  return {
    query: on(client),
    lookup: on(reader),
    async copyLines(table, columns, lines) {
      const copy = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
      await pipeline(Readable.from(copyChunks(lines)), copy);
    },
  };
}

function pgliteSession(db: Kysely<WarehouseTables>, pglite: PGlite): Session {
  const query = async (text: string, params: readonly unknown[] = []): Promise<QueryResult> => {
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...params]));
    return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
  };
  return {
    query,
    // One connection, in process: nothing to overlap with.
    lookup: query,
    // The connection is held by this session, so going to the instance directly runs in the same transaction.
    async copyLines(table, columns, lines) {
      await pglite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([...copyChunks(lines)]) });
    },
  };
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT text)`;
}
