/** data_test_results (migrations/0003_data_quality.ts): one row per test per run; readers want each test's latest. */
import type { DataTestKind, DataTestSeverity } from '../catalog/data-test-types';
import type { Catalog } from '../catalog/types';
import type { Warehouse } from '../db';
import { toExecutionError } from '../db';
import { sampleRows, summarise, type DataQualitySummary, type DataTestResult, type DataTestStatus } from './data-quality-results';

export async function storeResults(warehouse: Warehouse, runId: string, results: readonly DataTestResult[]): Promise<void> {
  if (results.length === 0) return;
  await warehouse.db
    .insertInto('data_test_results')
    .values(
      results.map((r) => ({
        run_id: runId,
        name: r.name,
        kind: r.kind,
        model: r.model,
        column_name: r.column,
        severity: r.severity,
        status: r.status,
        failures: r.failures,
        sample: JSON.stringify(r.sample),
        message: r.message,
        duration_ms: r.durationMs,
        checked_at: r.checkedAt,
      })),
    )
    .execute();
}

export interface DataQualityReport {
  /** The latest result of each data test of the catalog that has run, in catalog order. */
  readonly results: readonly DataTestResult[];
  readonly summary: DataQualitySummary;
  /** Rows `pulse ingest` refused, grouped by file kind, source file and reason. */
  readonly rejects: readonly RejectGroup[];
}

export interface RejectGroup {
  readonly kind: string;
  readonly source: string;
  readonly code: string;
  readonly rows: number;
  /** One of the group's messages (the first line's), as an example. */
  readonly example: string;
  readonly lastRejectedAt: Date;
}

/**
 * Each current data test's latest stored result. Tests no longer in the
 * catalog are left out (a renamed test would otherwise report forever);
 * tests that never ran have no result.
 */
export async function readDataQuality(warehouse: Warehouse, catalog: Catalog): Promise<DataQualityReport> {
  const rejects = await readRejects(warehouse);
  const names = [...catalog.dataTests.keys()];
  if (names.length === 0) return { results: [], summary: summarise([]), rejects };
  let rows;
  try {
    rows = await warehouse.db
      .selectFrom('data_test_results')
      .selectAll()
      .distinctOn('name')
      .where('name', 'in', names)
      .orderBy('name')
      .orderBy('run_id', 'desc')
      .execute();
  } catch (error) {
    throw toExecutionError(error);
  }
  const byName = new Map(
    rows.map((row): [string, DataTestResult] => [
      row.name,
      {
        name: row.name,
        kind: row.kind as DataTestKind,
        model: row.model,
        column: row.column_name,
        severity: row.severity as DataTestSeverity,
        status: row.status as DataTestStatus,
        failures: row.failures === null ? null : Number(row.failures),
        sample: sampleRows(row.sample),
        message: row.message,
        durationMs: row.duration_ms,
        checkedAt: new Date(row.checked_at),
      },
    ]),
  );
  const results = names.flatMap((name) => byName.get(name) ?? []);
  return { results, summary: summarise(results), rejects };
}

async function readRejects(warehouse: Warehouse): Promise<RejectGroup[]> {
  try {
    const groups = await warehouse.db
      .selectFrom('rejects')
      .select((eb) => ['kind', 'source', 'code', eb.fn.countAll<string>().as('rows'), eb.fn.max('rejected_at').as('last_rejected_at'), eb.fn.min('line').as('first_line')])
      .groupBy(['kind', 'source', 'code'])
      .orderBy('rows', 'desc')
      .orderBy('kind')
      .orderBy('source')
      .orderBy('code')
      .execute();
    if (groups.length === 0) return [];
    // Each group's message on its first line: a GROUP BY cannot pick "the first" message itself.
    const examples = await warehouse.db
      .selectFrom('rejects')
      .select(['source', 'code', 'line', 'message'])
      .where((eb) => eb.or(groups.map((g) => eb.and([eb('source', '=', g.source), eb('code', '=', g.code), eb('line', '=', Number(g.first_line))]))))
      .execute();
    return groups.map((g) => ({
      kind: g.kind,
      source: g.source,
      code: g.code,
      rows: Number(g.rows),
      example: examples.find((e) => e.source === g.source && e.code === g.code && e.line === Number(g.first_line))?.message ?? '',
      lastRejectedAt: new Date(g.last_rejected_at),
    }));
  } catch (error) {
    throw toExecutionError(error);
  }
}
