import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Warehouse, WarehouseTables } from '../db';

export interface QueryResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

/**
 * One database session for a whole load: the temp staging table and each batch's
 * transaction live on it. PostgreSQL gets its own pg client because COPY needs the
 * raw connection, which Kysely's pool does not expose; PGlite (one connection)
 * is borrowed from Kysely for the duration.
 */
export interface Session {
  query(text: string, params?: readonly unknown[]): Promise<QueryResult>;
  /** Append rows to a table as fast as the engine allows (COPY on PostgreSQL). */
  bulkInsert(table: string, columns: readonly string[], rows: readonly (string | number | null)[][]): Promise<void>;
}

export async function withSession<T>(warehouse: Warehouse, databaseUrl: string | null, run: (s: Session) => Promise<T>): Promise<T> {
  if (warehouse.engine === 'postgres') {
    if (!databaseUrl) throw new Error('a PostgreSQL warehouse needs its databaseUrl for COPY');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await run(postgresSession(client));
    } finally {
      await client.end();
    }
  }
  return warehouse.db.connection().execute((db) => run(pgliteSession(db)));
}

function postgresSession(client: pg.Client): Session {
  return {
    async query(text, params = []) {
      const result = await client.query(text, [...params]);
      return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
    },
    async bulkInsert(table, columns, rows) {
      if (!rows.length) return;
      const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from(csvChunks(rows)), copy);
    },
  };
}

/** COPY csv: an unquoted empty field is NULL, a quoted one is the empty string. Chunks keep memory small. */
function* csvChunks(rows: readonly (string | number | null)[][]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',') + '\n';
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function pgliteSession(db: Kysely<WarehouseTables>): Session {
  const query = async (text: string, params: readonly unknown[] = []): Promise<QueryResult> => {
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...params]));
    return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
  };
  return {
    query,
    // Multi-row INSERTs with bound parameters, kept well under the 65535-parameter limit.
    async bulkInsert(table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const slice = rows.slice(start, start + perStatement);
        const tuples = slice.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
        await query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, slice.flat());
      }
    },
  };
}
