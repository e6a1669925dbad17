import { createTestApi, realCatalog } from '../support/api';
import { createSmallScratch, type Scratch } from '../support/scratch';
import type { Warehouse } from '../../src/db';
import { runDataTests } from '../../src/execution';
import { breakRules } from './helpers';

let scratch: Scratch;
let warehouse: Warehouse;
beforeAll(async () => {
  scratch = await createSmallScratch();
  warehouse = await scratch.open();
});
afterAll(async () => {
  await warehouse.close();
  await scratch.drop();
});

const DOC = `{
  dataQuality {
    summary { total passed failed warned errored lastRunAt }
    tests { name kind model column severity status failures sample message checkedAt }
  }
}`;

test('dataQuality reports the latest stored results; reading them runs nothing', async () => {
  const api = await createTestApi(warehouse);
  try {
    expect(await api.data(DOC)).toEqual({
      dataQuality: { summary: { total: 0, passed: 0, failed: 0, warned: 0, errored: 0, lastRunAt: null }, tests: [] },
    });
    await breakRules(warehouse.db);
    await runDataTests(warehouse, await realCatalog(), { now: new Date('2026-11-01T08:00:00Z') });
    const { dataQuality } = await api.data(DOC);
    expect(dataQuality.summary).toEqual({ total: 22, passed: 16, failed: 5, warned: 1, errored: 0, lastRunAt: '2026-11-01T08:00:00.000Z' });
    const tests = new Map<string, any>(dataQuality.tests.map((t: any) => [t.name, t]));
    expect(tests.get('accepted_values_events_platform')).toEqual({
      name: 'accepted_values_events_platform',
      kind: 'ACCEPTED_VALUES',
      model: 'events',
      column: 'platform',
      severity: 'ERROR',
      status: 'FAIL',
      failures: 1,
      sample: [{ event_id: 'x2', platform: 'tv' }],
      message: null,
      checkedAt: '2026-11-01T08:00:00.000Z',
    });
    expect(tests.get('no_signup_in_future')).toMatchObject({ kind: 'SINGULAR', model: null, column: null, severity: 'WARN', status: 'WARN', failures: 1 });
    expect(tests.get('unique_users_user_id')).toMatchObject({ kind: 'UNIQUE', status: 'PASS', failures: 0, sample: [] });
  } finally {
    await api.pulse.stop();
  }
});
