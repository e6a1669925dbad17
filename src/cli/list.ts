import { Argument, type Command } from 'commander';
import { loadCatalog } from '../catalog';
import { loadConfig } from '../config/config';
import { describeCatalog } from '../graphql';
import { didYouMean } from '../util/did-you-mean';
import { renderTable } from './format-result';

/**
 * `pulse list metrics|dimensions [--metric M]`, like MetricFlow's `mf list`: what can be asked,
 * from the definitions alone (no warehouse is opened, so it runs beside a server).
 */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('List the metrics, or the dimensions (those a metric reaches, with --metric), with their descriptions.')
    .addArgument(new Argument('<what>', 'metrics or dimensions').choices(['metrics', 'dimensions']))
    .option('--metric <name>', 'only the dimensions this metric can be grouped and filtered by (snake_case or camelCase)')
    .action(async (what: 'metrics' | 'dimensions', options: { metric?: string }) => {
      const info = describeCatalog(await loadCatalog(loadConfig().metricsDir));
      if (what === 'metrics') {
        const rows = info.metrics.map((m) => [m.definitionName, m.name, m.kind, m.dimensions.length, m.description]);
        console.log(renderTable({ title: 'metrics', columns: ['name', 'graphql', 'kind', 'dimensions', 'description'], rows }));
        return;
      }
      let dimensions = info.dimensions;
      if (options.metric !== undefined) {
        const wanted = options.metric;
        const metric = info.metrics.find((m) => m.definitionName === wanted || m.name === wanted);
        if (!metric) throw new Error(`--metric: unknown metric "${wanted}".${didYouMean(wanted, info.metrics.map((m) => m.definitionName))}`);
        dimensions = dimensions.filter((d) => metric.dimensions.includes(d.name));
      }
      const rows = dimensions.map((d) => [d.definitionName, d.name, d.model, d.description]);
      const title = options.metric === undefined ? 'dimensions' : `dimensions of ${options.metric}`;
      console.log(renderTable({ title, columns: ['name', 'graphql', 'model', 'description'], rows }));
    });
}
