import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { catalogJsonSchemaText, loadCatalog } from '../catalog';
import { loadConfig } from '../config/config';
import { migrateToLatest, openWarehouse } from '../db';
import { schemaText } from '../graphql';
import { openPulse, serve } from '../main';
import { createLogger } from '../util/logger';
import { renderCsv, renderTable, tablesOf, type Format } from './format-result';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('pulse').description('Pulse: a GraphQL semantic layer for engagement and retention analytics.');
  program.showHelpAfterError();

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
      console.log(`Pulse is ready at ${http.url}`);
      const stop = async () => {
        await http.stop();
        await pulse.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
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
      const pulse = await openPulse(loadConfig(), createLogger({ quiet: true }));
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
