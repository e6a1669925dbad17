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
}

/**
 * Each current data test's latest stored result. Tests no longer in the
 * catalog are left out (a renamed test would otherwise report forever);
 * tests that never ran have no result.
 */
export async function readDataQuality(warehouse: Warehouse, catalog: Catalog): Promise<DataQualityReport> {
  const names = [...catalog.dataTests.keys()];
  if (names.length === 0) return { results: [], summary: summarise([]) };
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
  return { results, summary: summarise(results) };
}
