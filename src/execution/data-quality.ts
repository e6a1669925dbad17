/**
 * Runs the catalog's data tests against the warehouse, one statement each,
 * and stores the results (data-quality-store.ts). A test whose statement
 * fails is recorded with status error and the warehouse's message; the run
 * goes on. Results are never cached: a check must look at the data as it is.
 */
import { randomBytes } from 'node:crypto';
import type { DataTest } from '../catalog/data-test-types';
import type { Catalog } from '../catalog/types';
import { compileDataTest } from '../compiler/quality';
import type { Warehouse } from '../db';
import { didYouMean } from '../util/did-you-mean';
import { QueryError } from '../util/errors';
import { sampleRows, summarise, type DataQualitySummary, type DataTestResult, type DataTestStatus } from './data-quality-results';
import { storeResults } from './data-quality-store';

export interface DataQualityRun {
  readonly runId: string;
  readonly results: readonly DataTestResult[];
  readonly summary: DataQualitySummary;
}

export interface RunOptions {
  /** Names of the tests to run; all when empty or absent. */
  readonly only?: readonly string[];
  /** The run's timestamp (tests pass now() themselves to the warehouse). */
  readonly now?: Date;
}

export async function runDataTests(warehouse: Warehouse, catalog: Catalog, options: RunOptions = {}): Promise<DataQualityRun> {
  const tests = selectTests(catalog, options.only ?? []);
  const checkedAt = options.now ?? new Date();
  // Sortable by time, so the latest run of a test is the greatest run_id.
  const runId = `${checkedAt.toISOString()}-${randomBytes(4).toString('hex')}`;
  const results: DataTestResult[] = [];
  for (const test of tests) results.push(await runOne(warehouse, catalog, test, checkedAt));
  await storeResults(warehouse, runId, results);
  return { runId, results, summary: summarise(results) };
}

function selectTests(catalog: Catalog, only: readonly string[]): DataTest[] {
  if (only.length === 0) return [...catalog.dataTests.values()];
  const unknown = only.filter((name) => !catalog.dataTests.has(name));
  if (unknown.length > 0) {
    // One sentence per name, each with its own suggestion.
    const known = [...catalog.dataTests.keys()];
    const message = unknown.map((name) => `unknown data test "${name}".${didYouMean(name, known)}`).join(' ');
    throw new QueryError('only', message);
  }
  return [...catalog.dataTests.values()].filter((test) => only.includes(test.name));
}

async function runOne(warehouse: Warehouse, catalog: Catalog, test: DataTest, checkedAt: Date): Promise<DataTestResult> {
  const base = {
    name: test.name,
    kind: test.kind,
    model: test.kind === 'singular' ? null : test.model,
    column: test.kind === 'singular' ? null : test.column,
    severity: test.severity,
    checkedAt,
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    // Straight to the database, not Warehouse.run: its errors are masked for clients, and here the message is the point.
    const { rows } = await warehouse.db.executeQuery<{ failures: unknown; sample: unknown }>(compileDataTest(catalog, test));
    const failures = Number(rows[0]?.failures ?? 0);
    const status: DataTestStatus = failures === 0 ? 'pass' : test.severity === 'warn' ? 'warn' : 'fail';
    return { ...base, status, failures, sample: sampleRows(rows[0]?.sample), message: null, durationMs: elapsed() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: 'error', failures: null, sample: [], message, durationMs: elapsed() };
  }
}
