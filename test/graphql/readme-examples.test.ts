import fs from 'node:fs';
import path from 'node:path';
import { readmeExamples } from '../../src/web/graphiql/examples';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// README's GraphQL documents are GraphiQL's tabs: each must run on the demo data's shape without an error.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('demo_small'));
});
afterAll(() => api.pulse.close());

const examples = readmeExamples(fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8'));

test('README has GraphQL examples, each named for its GraphiQL tab', () => {
  expect(examples.length).toBeGreaterThanOrEqual(4);
  for (const example of examples) expect(example).toMatch(/^query [A-Z]\w* \{/);
});

test.each(examples.map((e) => [e.split('\n')[0], e]))('%s runs without errors', async (_title, document) => {
  const answer = await api.query(document as string);
  expect(answer.errors).toBeUndefined();
  expect(Object.keys(answer.data ?? {}).length).toBeGreaterThan(0);
});
