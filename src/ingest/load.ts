import { createHash } from 'node:crypto';
import path from 'node:path';
import { KIND_SPECS, type Kind } from './kinds';
import { readRows, type Format } from './read';
import type { Reject, RejectCode } from './rules';
import type { Session } from './session';
import { validateRow, type StagedValues } from './validate';

export interface FileSummary {
  readonly kind: Kind;
  readonly file: string;
  read: number;
  loaded: number;
  duplicates: number;
  rejected: Partial<Record<RejectCode, number>>;
}

export interface LoadOptions {
  readonly batchSize: number;
  /** Instant (ms) after which a timestamp is "in the future". */
  readonly now: number;
  readonly onBatch?: (summary: FileSummary) => void;
  /** Called after each committed batch; a throw here simulates a load killed midway (tests). */
  readonly afterCommit?: () => void;
}

interface GoodRow {
  readonly line: number;
  readonly raw: string;
  readonly values: StagedValues;
}

/** Checks that need the warehouse, run in SQL on each staged batch: [code, condition, message]. */
const CROSS_CHECKS: Record<Kind, readonly [RejectCode, string, string][]> = {
  plans: [],
  users: [['UNKNOWN_PLAN', 's.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.plan_id = s.plan_id)', `'plan_id ' || s.plan_id || ' is not loaded'`]],
  events: [
    ['UNKNOWN_USER', 'NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id)', `'user_id ' || s.user_id || ' is not loaded'`],
    ['EVENT_BEFORE_SIGNUP', 'EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id AND s.occurred_at::timestamptz < u.signup_at)', `'occurred_at ' || s.occurred_at || ' is before the signup of ' || s.user_id`],
  ],
  churn: [
    ['UNKNOWN_USER', 'NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id)', `'user_id ' || s.user_id || ' is not loaded'`],
    ['CHURN_BEFORE_SIGNUP', 'EXISTS (SELECT 1 FROM users u WHERE u.user_id = s.user_id AND s.churned_at::timestamptz < u.signup_at)', `'churned_at ' || s.churned_at || ' is before the signup of ' || s.user_id`],
  ],
};

const CASTS: Partial<Record<string, string>> = { timestamp: '::timestamptz', price: '::numeric', json: '::jsonb' };

/**
 * Stream one file into its table in batches. Each batch is one transaction that
 * (1) forgets earlier verdicts for its lines, (2) stages its valid rows,
 * (3) rejects rows failing the cross-table checks, (4) stores every reject and
 * (5) inserts the rest with ON CONFLICT DO NOTHING: killed midway, a load leaves
 * whole batches only, and a re-run skips what they loaded.
 */
export async function loadFile(session: Session, kind: Kind, file: string, format: Format, options: LoadOptions): Promise<FileSummary> {
  const spec = KIND_SPECS[kind];
  const source = path.resolve(file);
  const summary: FileSummary = { kind, file, read: 0, loaded: 0, duplicates: 0, rejected: {} };
  const names = spec.columns.map((c) => c.name);
  await session.query('DROP TABLE IF EXISTS ingest_stage');
  await session.query(
    `CREATE TEMP TABLE ingest_stage (line integer NOT NULL, raw text NOT NULL, ${names.map((n) => `${n} text`).join(', ')},
      reject_code text, reject_message text) ON COMMIT DELETE ROWS`,
  );
  const keyIndexes = spec.key.map((k) => names.indexOf(k));
  // Key -> digest of the row's values, for the keys seen earlier in this file. An exact copy of an
  // earlier row is staged like any row and counted as a duplicate (a re-sent row); the same key
  // with other values is a conflict: the first occurrence wins and the later one is DUPLICATE_IN_FILE.
  // This is the one structure that grows with the file (a key and 12 bytes per row, not rows).
  const seen = new Map<string, string>();
  let good: GoodRow[] = [];
  let rejects: Reject[] = [];
  let firstLine = 0;

  const flush = async (lastLine: number): Promise<void> => {
    if (!good.length && !rejects.length) return;
    await session.query('BEGIN');
    try {
      await session.query('DELETE FROM rejects WHERE source = $1 AND line BETWEEN $2 AND $3', [source, firstLine, lastLine]);
      await session.bulkInsert('ingest_stage', ['line', 'raw', ...names], good.map((g) => [g.line, g.raw, ...g.values]));
      for (const [code, condition, message] of CROSS_CHECKS[kind]) {
        await session.query(`UPDATE ingest_stage s SET reject_code = $1, reject_message = ${message} WHERE s.reject_code IS NULL AND ${condition}`, [code]);
      }
      const crossRejects = await session.query('SELECT reject_code, count(*)::int AS n FROM ingest_stage WHERE reject_code IS NOT NULL GROUP BY 1');
      await session.query(
        `INSERT INTO rejects (source, line, kind, code, message, raw) SELECT $1, line, $2, reject_code, reject_message, raw
         FROM ingest_stage WHERE reject_code IS NOT NULL`,
        [source, kind],
      );
      await session.bulkInsert('rejects', ['source', 'line', 'kind', 'code', 'message', 'raw'], rejects.map((r) => [source, r.line, kind, r.code, r.message, r.raw]));
      const select = spec.columns.map((c) => `${c.name}${CASTS[c.type] ?? ''}`).join(', ');
      const inserted = await session.query(
        `INSERT INTO ${kind} (${names.join(', ')}) SELECT ${select} FROM ingest_stage WHERE reject_code IS NULL ORDER BY line ON CONFLICT DO NOTHING`,
      );
      await session.query('COMMIT');
      let crossCount = 0;
      for (const row of crossRejects.rows) {
        const code = row.reject_code as RejectCode;
        summary.rejected[code] = (summary.rejected[code] ?? 0) + Number(row.n);
        crossCount += Number(row.n);
      }
      for (const r of rejects) summary.rejected[r.code] = (summary.rejected[r.code] ?? 0) + 1;
      summary.loaded += inserted.rowCount;
      summary.duplicates += good.length - crossCount - inserted.rowCount;
    } catch (error) {
      await session.query('ROLLBACK');
      throw error;
    }
    good = [];
    rejects = [];
    options.onBatch?.(summary);
    options.afterCommit?.();
  };

  let lastLine = 0;
  for await (const row of readRows(file, format, spec)) {
    if (!good.length && !rejects.length) firstLine = row.line;
    lastLine = row.line;
    summary.read += 1;
    const verdict = row.fields ? validateRow(spec, row.fields, options.now) : null;
    if (!verdict || !verdict.ok) {
      const problem = verdict && !verdict.ok ? verdict : row.problem ?? { code: 'MALFORMED_CSV' as const, message: 'unreadable record' };
      rejects.push({ line: row.line, raw: row.raw, code: problem.code, message: problem.message });
    } else {
      const key = keyIndexes.map((i) => verdict.values[i]).join('\u0001');
      const digest = createHash('md5').update(JSON.stringify(verdict.values)).digest('base64').slice(0, 16);
      const earlier = seen.get(key);
      if (earlier !== undefined && earlier !== digest) {
        rejects.push({ line: row.line, raw: row.raw, code: 'DUPLICATE_IN_FILE', message: `${spec.key.join(', ')} appeared earlier in this file with other values` });
      } else {
        seen.set(key, digest);
        good.push({ line: row.line, raw: row.raw, values: verdict.values });
      }
    }
    if (good.length + rejects.length >= options.batchSize) await flush(lastLine);
  }
  await flush(lastLine);
  await session.query('DROP TABLE IF EXISTS ingest_stage');
  return summary;
}
