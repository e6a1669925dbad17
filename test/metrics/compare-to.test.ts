import type { Warehouse } from '../../src/db';
import { createTestApi, type TestApi } from '../support/api';
import { rebuildMarts } from '../support/marts';
import { createEmptyScratch, type Scratch } from '../support/scratch';

// SPEC §12 compareTo, numbers by hand over a few planted events: a leap day, a month end in New York, a DST change.
let scratch: Scratch;
let warehouse: Warehouse;
let api: TestApi;

const EVENTS: Array<[id: string, user: string, at: string, platform: string]> = [
  ['e1', 'u1', '2028-02-28T10:00:00Z', 'web'],
  ['e2', 'u1', '2028-02-29T10:00:00Z', 'web'],
  ['e3', 'u2', '2028-02-29T23:30:00Z', 'ios'],
  ['e4', 'u3', '2028-03-01T00:30:00Z', 'web'], // 29 February, 19:30 in New York
  ['e5', 'u1', '2027-02-28T12:00:00Z', 'web'],
  ['e6', 'u2', '2027-03-01T12:00:00Z', 'ios'],
  ['e7', 'u3', '2028-03-10T15:00:00Z', 'web'],
  ['e8', 'u1', '2028-03-12T06:30:00Z', 'web'], // 01:30 EST on the day New York moves to EDT
  ['e9', 'u2', '2028-03-13T03:30:00Z', 'ios'], // 23:30 EDT, still 12 March there
  ['e10', 'u1', '2028-03-12T04:30:00Z', 'web'], // 23:30 EST on 11 March
];

beforeAll(async () => {
  scratch = await createEmptyScratch();
  warehouse = await scratch.open();
  await warehouse.db
    .insertInto('users')
    .values([
      { user_id: 'u1', signup_at: '2027-01-01T00:00:00Z', country: 'US', region: null, city: null, acquisition_source: null, plan_id: null, tenant_id: null },
      { user_id: 'u2', signup_at: '2027-01-01T00:00:00Z', country: 'US', region: null, city: null, acquisition_source: null, plan_id: null, tenant_id: null },
      { user_id: 'u3', signup_at: '2028-02-15T00:00:00Z', country: 'DE', region: null, city: null, acquisition_source: null, plan_id: null, tenant_id: null },
    ])
    .execute();
  await warehouse.db
    .insertInto('events')
    .values(EVENTS.map(([event_id, user_id, occurred_at, platform]) => ({ event_id, user_id, occurred_at, platform, event_type: 'login', feature: null, category: null, session_id: null, properties: null })))
    .execute();
  await rebuildMarts(warehouse);
  api = await createTestApi(warehouse);
});
afterAll(async () => {
  await api?.pulse.stop();
  await warehouse?.close();
  await scratch?.drop();
});

const rows = async (args: string, fields: string) => (await api.data(`{ metrics(${args}) { rows { ${fields} } } }`)).metrics.rows;

test('PREVIOUS_YEAR by day: 29 February pairs by position with the year before, whose range ends a day earlier', async () => {
  expect(await rows('timeRange: {from: "2028-02-28", to: "2028-03-01"}, grain: DAY, compareTo: PREVIOUS_YEAR', 'period events previousPeriod previous { events activeUsers }')).toEqual([
    { period: '2028-02-28T00:00:00+00:00', events: 1, previousPeriod: '2027-02-28T00:00:00+00:00', previous: { events: 1, activeUsers: 1 } },
    { period: '2028-02-29T00:00:00+00:00', events: 2, previousPeriod: '2027-03-01T00:00:00+00:00', previous: { events: 1, activeUsers: 1 } },
    // 2027-02-28..2027-03-01 has two days: the third bucket has no partner.
    { period: '2028-03-01T00:00:00+00:00', events: 1, previousPeriod: null, previous: { events: null, activeUsers: null } },
  ]);
});

test('dimensions pair by equal values; a missing partner gives nulls', async () => {
  expect(await rows('timeRange: {from: "2028-02-28", to: "2028-03-01"}, grain: DAY, compareTo: PREVIOUS_YEAR', 'period platform events previousPeriod previous { events }')).toEqual([
    { period: '2028-02-28T00:00:00+00:00', platform: 'web', events: 1, previousPeriod: '2027-02-28T00:00:00+00:00', previous: { events: 1 } },
    { period: '2028-02-29T00:00:00+00:00', platform: 'ios', events: 1, previousPeriod: '2027-03-01T00:00:00+00:00', previous: { events: 1 } },
    { period: '2028-02-29T00:00:00+00:00', platform: 'web', events: 1, previousPeriod: '2027-03-01T00:00:00+00:00', previous: { events: null } },
    { period: '2028-03-01T00:00:00+00:00', platform: 'web', events: 1, previousPeriod: null, previous: { events: null } },
  ]);
});

test('PREVIOUS_PERIOD by month in New York: March against February, which ends at 19:30 local on the 29th', async () => {
  expect(await rows('timeRange: {from: "2028-03-01", to: "2028-03-31"}, grain: MONTH, timezone: "America/New_York", compareTo: PREVIOUS_PERIOD', 'period events activeUsers previousPeriod previous { events activeUsers }')).toEqual([
    { period: '2028-03-01T00:00:00-05:00', events: 4, activeUsers: 3, previousPeriod: '2028-02-01T00:00:00-05:00', previous: { events: 4, activeUsers: 3 } },
  ]);
  // The same month in UTC: e4 is March's, so February has three events.
  expect(await rows('timeRange: {from: "2028-03-01", to: "2028-03-31"}, grain: MONTH, compareTo: PREVIOUS_PERIOD', 'events previous { events }')).toEqual([{ events: 5, previous: { events: 3 } }]);
});

test('across the DST change: 12 March (23 hours in New York) against 11 March; no grain compares the days before', async () => {
  expect(await rows('timeRange: {from: "2028-03-12", to: "2028-03-12"}, grain: DAY, timezone: "America/New_York", compareTo: PREVIOUS_PERIOD', 'period events previousPeriod previous { events }')).toEqual([
    { period: '2028-03-12T00:00:00-05:00', events: 2, previousPeriod: '2028-03-11T00:00:00-05:00', previous: { events: 1 } },
  ]);
  // No grain: the 31 days of March UTC against 30 January..29 February.
  expect(await rows('timeRange: {from: "2028-03-01", to: "2028-03-31"}, compareTo: PREVIOUS_PERIOD', 'period events previousPeriod previous { events activeUsers }')).toEqual([
    { period: '2028-03-01T00:00:00+00:00', events: 5, previousPeriod: '2028-01-30T00:00:00+00:00', previous: { events: 3, activeUsers: 2 } },
  ]);
});

test('every metric kind: previous equals the same metrics asked over the comparison range, bucket by bucket', async () => {
  const fields = 'dau wau mau stickiness activeUsers newUsers churnRate inactiveUsers sessions avgSessionDuration engagementFrequency sessionsPerUser';
  for (const [grain, compareTo, comparison] of [
    ['DAY', 'PREVIOUS_PERIOD', '{from: "2028-03-06", to: "2028-03-09"}'],
    ['WEEK', 'PREVIOUS_YEAR', '{from: "2027-03-12", to: "2027-03-15"}'], // 52 weeks: Friday to Monday again
  ] as const) {
    const compared = await rows(`timeRange: {from: "2028-03-10", to: "2028-03-13"}, grain: ${grain}, timezone: "America/New_York", compareTo: ${compareTo}`, `period previousPeriod previous { ${fields} }`);
    const direct = await rows(`timeRange: ${comparison}, grain: ${grain}, timezone: "America/New_York"`, `period ${fields}`);
    expect(compared.map((r: any) => ({ period: r.previousPeriod, ...r.previous }))).toEqual(direct);
  }
});
