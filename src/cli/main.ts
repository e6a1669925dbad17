import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { catalogJsonSchemaText, loadCatalog } from '../catalog';
import { loadConfig } from '../config/config';
import { migrateToLatest, openWarehouse, readDemoState, resetWarehouse, runningServer } from '../db';
import { schemaText } from '../graphql';
import { filesInDir, formatSummary, ingest, isKind, KINDS, type IngestInput } from '../ingest';
import { openPulse, serve } from '../main';
import { createLogger } from '../util/logger';
import { registerCheck } from './check';
import { registerKeys } from './keys';
import { registerList } from './list';
import { registerPersistedQueries } from './persisted-queries';
import { renderCsv, renderTable, tablesOf, type Format } from './format-result';
import { generate, type OutputFormat } from '../ingest/generate';
import { progressReporter } from './progress';
import { kyselyRunner, refreshMarts, summariseRefresh, type RefreshReport } from '../refresh';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('pulse').description('Pulse: a GraphQL semantic layer for engagement and retention analytics.').version(packageVersion(), '-V, --version');
  program.showHelpAfterError();

  program
    .command('generate')
    .description('Write realistic plans, users, events and churn files (README: The contract), optionally with bad rows of every kind.')
    .requiredOption('--users <n>', 'number of users')
    .requiredOption('--days <n>', 'days of data, ending with --end-date')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'PRNG seed: the same options give byte-identical files', '1')
    .option('--end-date <date>', 'last day of data, YYYY-MM-DD UTC (default yesterday)')
    .option('--bad-rows <share>', 'share of extra bad rows, 0 to 1', '0')
    .option('--activity <factor>', 'scale how often users show up (0.4: about 40% of the events)', '1')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'ndjson']).default('csv'))
    .option('--tenants <n>', 'spread the users over N tenants (users get a tenant_id column: t1 .. tN)')
    .action(async (o: { users: string; days: string; out: string; seed: string; endDate?: string; badRows: string; activity: string; format: OutputFormat; tenants?: string }) => {
      const started = Date.now();
      const summary = await generate({
        users: Number(o.users), days: Number(o.days), seed: Number(o.seed), out: o.out,
        endDate: o.endDate, badRows: Number(o.badRows), activity: Number(o.activity), format: o.format,
        tenants: o.tenants === undefined ? undefined : Number(o.tenants),
      });
      for (const f of Object.values(summary.files)) {
        const bad = Object.values(f.bad).reduce((a, b) => a + b, 0);
        console.log(`${f.file}: ${f.rows} rows${bad ? ` (${bad} bad)` : ''}`);
      }
      console.log(`data through ${summary.endDate}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

  program
    .command('migrate')
    .description('Apply pending migrations to the warehouse (DATABASE_URL, or the embedded PGlite).')
    .action(async () => {
      const config = loadConfig();
      const warehouse = await openWarehouse(config);
      try {
        const applied = await migrateToLatest(warehouse.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Up to date.');
      } finally {
        await warehouse.close();
      }
    });

  program
    .command('serve')
    .description('Serve GraphQL (migrates, and fills an empty embedded warehouse with demo data).')
    .option('--port <n>', 'port (default PORT or 4000)')
    .option('--host <h>', 'host (default HOST or localhost)')
    .action(async (options: { port?: string; host?: string }) => {
      const env = { ...process.env, ...(options.port ? { PORT: options.port } : {}), ...(options.host ? { HOST: options.host } : {}) };
      const logger = createLogger();
      const { pulse, http } = await serve(loadConfig(env), logger);
      console.log(`Pulse is ready at ${http.url.replace(/graphql$/, "")} (the dashboard; GraphQL at ${http.url})`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) process.exit(1); // a second Ctrl-C: do not wait
        stopping = true;
        const started = Date.now();
        try {
          await http.stop();
          await pulse.close(); // the warehouse too: PGlite's directory is closed cleanly and unlocked
          logger.info({ signal, ms: Date.now() - started }, 'Pulse stopped');
          process.exit(0);
        } catch (error) {
          logger.error({ err: error }, 'Pulse did not stop cleanly');
          process.exit(1);
        }
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('query')
    .description('Run a GraphQL document (a file or the text itself) and print the answer.')
    .argument('<document>', 'GraphQL text, or a path to a .graphql file')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'csv', 'json']).default('table'))
    .option('--variables <json>', 'variables as JSON')
    .action(async (document: string, options: { format: Format; variables?: string }) => {
      const text = fs.existsSync(document) ? fs.readFileSync(document, 'utf8') : document;
      const variables = options.variables ? (JSON.parse(options.variables) as Record<string, unknown>) : undefined;
      const config = loadConfig();
      // A running `pulse serve` holds the embedded warehouse: it answers instead.
      const server = config.databaseUrl ? null : runningServer(config.dataDir);
      if (server) {
        console.error(`(answered by the Pulse serving ${server.url}, which holds ${config.dataDir})`);
        const { data, errors } = await askServer(server.url, text, variables, process.env.PULSE_TOKEN);
        printAnswer(data, options.format);
        if (errors?.length) {
          for (const e of errors) console.error(`error [${String(e.extensions?.code ?? 'ERROR')}]: ${e.message}`);
          process.exitCode = 1;
        }
        return;
      }
      const pulse = await openPulse(config, createLogger({ quiet: true }));
      try {
        const response = await pulse.apollo.executeOperation({ query: text, variables }, { contextValue: await pulse.context() });
        if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
        const { data, errors } = response.body.singleResult;
        printAnswer(data, options.format);
        if (errors?.length) {
          for (const e of errors) console.error(`error [${String(e.extensions?.code ?? 'ERROR')}]: ${e.message}`);
          process.exitCode = 1;
        }
      } finally {
        await pulse.close();
      }
    });

  program
    .command('ingest')
    .description('Load a plans|users|events|churn file (CSV or NDJSON), or every such file of --dir; bad rows go to the rejects table.')
    .argument('[kind]', `one of ${KINDS.join(', ')}`)
    .argument('[file]', 'the file to load')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'ndjson']))
    .option('--dir <folder>', 'load plans, users, events and churn files of this folder, in that order')
    .option('--batch-size <n>', 'rows per transaction', '20000')
    .option('--into-demo', 'load even though the warehouse holds the demo data set (the two mix)')
    .action(async (kind: string | undefined, file: string | undefined, options: { format?: string; dir?: string; batchSize: string; intoDemo?: boolean }) => {
      let inputs: IngestInput[];
      if (options.dir) inputs = filesInDir(options.dir);
      else if (kind && isKind(kind) && file) inputs = [{ kind, file, format: options.format }];
      else throw new Error(`usage: pulse ingest <${KINDS.join('|')}> <file> [--format csv|ndjson], or pulse ingest --dir <folder>`);
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a positive integer');
      const config = loadConfig();
      const catalog = await loadCatalog(config.metricsDir);
      const warehouse = await openWarehouse(config);
      const progress = progressReporter(process.stderr);
      try {
        await migrateToLatest(warehouse.db);
        if (!options.intoDemo && (await readDemoState(warehouse.db)) !== null) {
          throw new Error(
            'The warehouse holds the demo data set (npm start loads it into an empty warehouse): your rows would mix with it. ' +
              'Empty it with `npx pulse reset --yes`, or load into another warehouse (PULSE_DATA_DIR=.pulse-mine, or DATABASE_URL); --into-demo loads anyway.',
          );
        }
        const result = await ingest(warehouse, config.databaseUrl, inputs, { catalog, batchSize, onBatch: progress.onBatch }).finally(progress.done);
        for (const s of result.files) console.log(formatSummary(s));
        for (const r of result.refreshes) console.log(formatRefresh(r));
        console.log(result.dataVersion ? `data version is now ${result.dataVersion}` : 'nothing new loaded; data version unchanged');
      } finally {
        await warehouse.close();
      }
    });

  program
    .command('reset')
    .description('Empty the warehouse: plans, users, events, churn records, rejects, data test results and marts (API keys stay).')
    .option('--yes', 'really delete the data')
    .action(async (options: { yes?: boolean }) => {
      const config = loadConfig();
      const where = config.databaseUrl ? 'the PostgreSQL warehouse (DATABASE_URL)' : `the embedded warehouse in ${config.dataDir}`;
      if (!options.yes) throw new Error(`pulse reset deletes every row of data in ${where}; run \`npx pulse reset --yes\` to do it`);
      const warehouse = await openWarehouse(config);
      try {
        await migrateToLatest(warehouse.db);
        await resetWarehouse(warehouse.db);
        console.log(`emptied ${where}; \`npx pulse ingest --dir <folder>\` loads your files (ingest them before the next npm start: an empty warehouse gets the demo data)`);
      } finally {
        await warehouse.close();
      }
    });

  program
    .command('refresh')
    .description('Bring the marts (derived tables, metrics/ marts:) up to date; pulse ingest does this itself.')
    .option('--full', 'rebuild every mart from the raw tables')
    .action(async (options: { full?: boolean }) => {
      const config = loadConfig();
      const catalog = await loadCatalog(config.metricsDir);
      const warehouse = await openWarehouse(config);
      try {
        await migrateToLatest(warehouse.db);
        const started = Date.now();
        const report = await warehouse.db.transaction().execute((trx) => refreshMarts(kyselyRunner(trx), catalog, { full: options.full === true }));
        for (const m of report.marts) console.log(`${m.name}: ${m.mode}, ${m.rows.toLocaleString('en-US')} rows in ${(m.ms / 1000).toFixed(1)} s`);
        console.log(report.marts.length ? `data version is now ${report.dataVersion} (${((Date.now() - started) / 1000).toFixed(1)} s)` : 'every mart is up to date');
      } finally {
        await warehouse.close();
      }
    });

  registerCheck(program);
  registerList(program);
  registerKeys(program);
  registerPersistedQueries(program);

  program
    .command('schema')
    .description('Write (or check) schema.graphql and metrics/pulse.schema.json from the code and the catalog.')
    .option('--write', 'write the files')
    .option('--check', 'fail when a file is stale')
    .action(async (options: { write?: boolean; check?: boolean }) => {
      const config = loadConfig();
      const catalog = await loadCatalog(config.metricsDir);
      const files = [
        { file: path.resolve('schema.graphql'), text: schemaText(catalog) },
        { file: path.join(config.metricsDir, 'pulse.schema.json'), text: catalogJsonSchemaText() },
      ];
      for (const { file, text } of files) {
        const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        if (options.check) {
          if (current !== text) throw new Error(`${path.relative(process.cwd(), file)} is stale: run npm run schema`);
        } else if (options.write) {
          if (current !== text) fs.writeFileSync(file, text);
          console.log(`wrote ${path.relative(process.cwd(), file)}`);
        } else process.stdout.write(text);
      }
      if (options.check) console.log('schema.graphql and metrics/pulse.schema.json are up to date.');
    });

  await program.parseAsync(argv);
}

function printAnswer(data: unknown, format: Format): void {
  if (format === 'json') {
    console.log(JSON.stringify(data ?? null, null, 2));
    return;
  }
  const tables = tablesOf(data);
  const render = format === 'csv' ? renderCsv : renderTable;
  console.log(tables.map(render).join('\n\n'));
}

/** One line per load's refresh: how many marts were rebuilt, refreshed from the changes or left, and how long it took. */
function formatRefresh(report: RefreshReport): string {
  const { ms, modes, slowest } = summariseRefresh(report.marts);
  return `marts: ${modes || 'none declared'} in ${(ms / 1000).toFixed(1)} s${slowest ? ` (slowest: ${slowest})` : ''}`;
}

/** This package's version, from the package.json above this file (src/cli in development, dist/src/cli when built). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** A document run by a Pulse server over HTTP (PULSE_TOKEN: its key or JWT, when it requires one). */
async function askServer(url: string, query: string, variables: Record<string, unknown> | undefined, token: string | undefined): Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new Error(`The Pulse serving ${url} does not answer: stop it, or wait until it is ready`);
  }
  const answer = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  if (response.status === 401) throw new Error(`The Pulse serving ${url} requires a key: set PULSE_TOKEN to an API key or a JWT (${answer.errors?.[0]?.message ?? 'unauthenticated'})`);
  return answer;
}
