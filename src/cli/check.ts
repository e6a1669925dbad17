/** `pulse check`: run the data tests of metrics/, print a table and a summary; exit 1 when one fails or errors. */
import { Option, type Command } from 'commander';
import { loadCatalog } from '../catalog';
import { loadConfig } from '../config/config';
import { migrateToLatest, openWarehouse } from '../db';
import { runDataTests, type DataQualityRun, type DataTestResult } from '../execution';
import { renderTable } from './format-result';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Run the data tests of metrics/ (data_tests:) against the warehouse and store the results for dataQuality.')
    .option('--only <names>', 'comma-separated names of the tests to run (default: all)')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .action(async (options: { only?: string; format: 'table' | 'json' }) => {
      const only = (options.only ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
      const config = loadConfig();
      const catalog = await loadCatalog(config.metricsDir);
      const warehouse = await openWarehouse(config);
      try {
        await migrateToLatest(warehouse.db);
        const run = await runDataTests(warehouse, catalog, { only });
        console.log(options.format === 'json' ? JSON.stringify(run, null, 2) : formatRun(run));
        if (!run.summary.ok) process.exitCode = 1;
      } finally {
        await warehouse.close();
      }
    });
}

export function formatRun(run: DataQualityRun): string {
  const table = renderTable({
    title: 'data tests',
    columns: ['name', 'severity', 'status', 'failures', 'sample'],
    rows: run.results.map((r) => [r.name, r.severity, r.status.toUpperCase(), r.failures, sampleText(r)]),
  });
  const errors = run.results.filter((r) => r.status === 'error').map((r) => `error in ${r.name}: ${r.message ?? ''}`);
  const { passed, failed, warned, errored } = run.summary;
  const summary = `${run.results.length} tests: ${passed} passed, ${failed} failed, ${warned} warned, ${errored} errored`;
  return [table, ...errors, summary].join('\n');
}

/** e01, e02 for one-column rows; (e01, web) for wider ones; "..." when there are more failures than examples. */
function sampleText(result: DataTestResult): string {
  const rows = result.sample.map((row) => {
    const values = Object.values(row).map((v) => (v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v)));
    return values.length === 1 ? (values[0] ?? '') : `(${values.join(', ')})`;
  });
  const more = (result.failures ?? 0) > rows.length ? ', ...' : '';
  return rows.length === 0 ? '' : `${rows.join(', ')}${more}`;
}
