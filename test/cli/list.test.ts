import { main } from '../../src/cli/main';
import { describeCatalog } from '../../src/graphql';
import { cliOnFixture } from '../support/cli';
import { shippedCatalog } from '../support/shipped';

// `pulse list metrics|dimensions [--metric M]` (MetricFlow's `mf list`): from the definitions, as the catalog field answers them.
const { output } = cliOnFixture('small');

/** The first column of a printed table (after its title, header and rule; before the row count). */
const names = () => output.join('\n').split('\n').slice(3, -1).map((line) => line.split(/\s+/)[0]);

test('metrics: every metric of the catalog, with its GraphQL name, kind and how many dimensions it reaches', async () => {
  const info = describeCatalog(shippedCatalog());
  await main(['node', 'pulse', 'list', 'metrics']);
  expect(names()).toEqual(info.metrics.map((m) => m.definitionName));
  expect(output.join('\n')).toContain(`(${info.metrics.length} rows)`);
});

test('dimensions of a metric: exactly those it can be grouped by (churn rate: user dimensions, no event ones)', async () => {
  const info = describeCatalog(shippedCatalog());
  await main(['node', 'pulse', 'list', 'dimensions', '--metric', 'churnRate']);
  const churn = info.metrics.find((m) => m.name === 'churnRate');
  expect(names()).toEqual(info.dimensions.filter((d) => churn?.dimensions.includes(d.name)).map((d) => d.definitionName));
  expect(names()).toContain('plan');
  expect(names()).not.toContain('platform');
  output.length = 0;
  await main(['node', 'pulse', 'list', 'dimensions']);
  expect(names()).toEqual(info.dimensions.map((d) => d.definitionName));
  await expect(main(['node', 'pulse', 'list', 'dimensions', '--metric', 'churnrate'])).rejects.toThrow('--metric: unknown metric "churnrate". Did you mean "churn_rate"?');
});
