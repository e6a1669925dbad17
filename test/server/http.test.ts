import { listen, type HttpServer } from '../../src/server/http';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';

let api: TestApi;
let server: HttpServer;
beforeAll(async () => {
  api = await createTestApi(await openFixture('small'), smallCatalog());
  server = await listen(api.pulse.apollo, () => api.pulse.context(), { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
  await api.pulse.close();
});

test('POST /graphql answers a metrics query', async () => {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query Q($from: Date!, $to: Date!) { metrics(timeRange: {from: $from, to: $to}, grain: DAY) { rows { period dau } } }',
      variables: { from: '2026-01-01', to: '2026-01-02' },
    }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    data: { metrics: { rows: [{ period: '2026-01-01T00:00:00+00:00', dau: 2 }, { period: '2026-01-02T00:00:00+00:00', dau: 1 }] } },
  });
});

test('a bad argument is a 200 with BAD_USER_INPUT; malformed JSON is a 400', async () => {
  const bad = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ metrics(timeRange: {from: "2026-01-02", to: "2026-01-01"}) { rows { dau } } }' }),
  });
  const body = (await bad.json()) as { errors: Array<{ extensions: { code: string } }> };
  expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  const malformed = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
  expect(malformed.status).toBe(400);
});

test('GET /health', async () => {
  const response = await fetch(server.url.replace('/graphql', '/health'));
  expect(await response.json()).toEqual({ status: 'ok' });
});
