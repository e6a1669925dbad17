import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// A metric declared only in YAML becomes a GraphQL field with no code change.
let api: TestApi;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-metrics-'));
  fs.cpSync('metrics', dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'logins.yml'),
    `metrics:
  - name: logins
    description: Login events.
    kind: count
    model: events
    filter: { event_type: { eq: login } }
  - name: logins_per_active_user
    kind: derived
    expr: logins / active_users
`,
  );
  api = await createTestApi(await openFixture('small'), await loadCatalog(dir));
});
afterAll(async () => {
  await api.pulse.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the new metrics answer in GraphQL, grouped and filtered like any other', async () => {
  const data = await api.data(`{
    total: metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { logins loginsPerActiveUser } }
    byPlatform: metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}, where: {platform: {neq: "android"}}) { rows { platform logins } }
  }`);
  // January logins: e01 (u1 web), e03 (u2 ios), e05 (u3 android), e08 (u4 web), e11 (u3 android); 4 active users.
  expect(data.total.rows).toEqual([{ logins: 5, loginsPerActiveUser: 1.25 }]);
  expect(data.byPlatform.rows).toEqual([
    { platform: 'ios', logins: 1 },
    { platform: 'web', logins: 2 },
    { platform: null, logins: 0 },
  ]);
});

test('the catalog query describes them', async () => {
  const data = await api.data('{ catalog { metrics { name kind description dimensions expression } } }');
  const logins = data.catalog.metrics.find((m: { name: string }) => m.name === 'logins');
  expect(logins).toMatchObject({ kind: 'count', description: 'Login events.' });
  expect(logins.dimensions).toEqual(expect.arrayContaining(['platform', 'plan', 'tenure']));
  const ratio = data.catalog.metrics.find((m: { name: string }) => m.name === 'loginsPerActiveUser');
  expect(ratio.expression).toBe('logins / active_users');
  const churn = data.catalog.metrics.find((m: { name: string }) => m.name === 'churnRate');
  expect(churn.dimensions).not.toContain('platform');
  expect(churn.dimensions).toContain('plan');
});
