import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Principal } from '../../src/auth';
import type { Catalog } from '../../src/catalog/types';
import type { Warehouse } from '../../src/db';
import { filesInDir, ingest } from '../../src/ingest';
import { generate } from '../../src/ingest/generate';
import type { Pulse } from '../../src/main';
import { createTestApi, realCatalog, type TestApi } from '../support/api';
import { createEmptyScratch, type Scratch } from '../support/scratch';

// Row-level security (SPEC §11): every answer a tenant's principal gets over a warehouse of two tenants
// equals the admin's answer over a warehouse that holds that tenant's data alone.
const NOW = Date.parse('2026-11-02T00:00:00Z');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-rls-'));
const scratches: Scratch[] = [];
const warehouses: Warehouse[] = [];
let catalog: Catalog;
let both: TestApi;
let alone: TestApi;

/** A copy of the files of `dir` with only tenant t1's users and their events and churn records. */
function onlyT1(dir: string, out: string): void {
  fs.mkdirSync(out);
  const read = (kind: string) => fs.readFileSync(path.join(dir, `${kind}.csv`), 'utf8').trimEnd().split('\n');
  const [usersHeader = '', ...users] = read('users');
  const tenantAt = usersHeader.split(',').indexOf('tenant_id');
  const kept = users.filter((line) => line.split(',')[tenantAt] === 't1');
  const ids = new Set(kept.map((line) => line.split(',')[0]));
  fs.writeFileSync(path.join(out, 'users.csv'), `${[usersHeader, ...kept].join('\n')}\n`);
  fs.copyFileSync(path.join(dir, 'plans.csv'), path.join(out, 'plans.csv'));
  for (const [kind, userAt] of [['events', 1], ['churn', 0]] as const) {
    const [header = '', ...rows] = read(kind);
    fs.writeFileSync(path.join(out, `${kind}.csv`), `${[header, ...rows.filter((line) => ids.has(line.split(',')[userAt]))].join('\n')}\n`);
  }
}

async function loaded(dir: string): Promise<Warehouse> {
  const scratch = await createEmptyScratch();
  scratches.push(scratch);
  const w = await scratch.open();
  warehouses.push(w);
  await ingest(w, scratch.databaseUrl, filesInDir(dir), { catalog, now: NOW });
  return w;
}

beforeAll(async () => {
  catalog = await realCatalog();
  await generate({ users: 120, days: 45, seed: 23, endDate: '2026-10-31', out: path.join(root, 'both'), tenants: 2 });
  onlyT1(path.join(root, 'both'), path.join(root, 't1'));
  both = await createTestApi(await loaded(path.join(root, 'both')), catalog, { differential: false });
  alone = await createTestApi(await loaded(path.join(root, 't1')), catalog);
}, 120_000);

afterAll(async () => {
  await both?.pulse.stop();
  await alone?.pulse.stop();
  for (const w of warehouses) await w.close();
  for (const s of scratches) await s.drop();
  fs.rmSync(root, { recursive: true, force: true });
});

const viewer = (tenant: string): Principal => ({ name: `viewer-${tenant}`, role: 'viewer', tenant, via: 'key' });

async function answer(pulse: Pulse, document: string, principal?: Principal): Promise<unknown> {
  const response = await pulse.apollo.executeOperation({ query: document }, { contextValue: await pulse.context(principal) });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw new Error(`${document}: ${errors.map((e) => `${String(e.extensions?.code)} ${e.message}`).join('; ')}`);
  return data;
}

const METRICS = 'events activeUsers dau wau mau stickiness newUsers churnedUsers churnRate inactiveUsers sessions avgSessionDuration engagementFrequency sessionsPerUser';
const DOCUMENTS = [
  `{ a: metrics(timeRange: {from: "2026-09-21", to: "2026-10-31"}, grain: WEEK) { rows { period ${METRICS} } }
     b: metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY, timezone: "Europe/Berlin") { rows { period ${METRICS} } }
     c: metrics(timeRange: {from: "2026-09-17", to: "2026-10-31"}) { rows { ${METRICS} } } }`,
  `{ a: metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: WEEK) { rows { period country plan events activeUsers dau sessions churnRate } }
     b: metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: MONTH) { rows { period platform events activeUsers dau sessions } }
     c: metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY, where: {plan: {neq: "Free"}}) { rows { period ${METRICS} } } }`,
  `{ a: lifecycle(timeRange: {from: "2026-09-21", to: "2026-10-25"}) { periods { period new retained resurrected dormant churned } }
     b: retention(timeRange: {from: "2026-09-21", to: "2026-10-25"}, periods: 5, asOf: "2026-11-01T00:00:00Z") { cohorts { cohort size periods { offset retained rate } } }
     c: retention(timeRange: {from: "2026-09-17", to: "2026-10-31"}, grain: DAY, periods: 7, cohort: FIRST_ACTIVITY, asOf: "2026-11-01T00:00:00Z", breakdown: PLAN) { cohorts { cohort breakdown size periods { retained } } } }`,
  `{ a: funnel(steps: [{eventType: "login"}, {eventType: "feature_use"}, {eventType: "purchase"}], timeRange: {from: "2026-09-17", to: "2026-10-31"}) { steps { index eventType users conversionRate } }
     b: conversion(timeRange: {from: "2026-09-21", to: "2026-10-25"}, asOf: "2026-11-01T00:00:00Z") { cohorts { cohort size converted conversionRate } }
     c: users(asOf: "2026-11-01T00:00:00Z", first: 100) { totalCount edges { node { userId totalEvents lastActiveAt status plan } } }
     d: users(asOf: "2026-11-01T00:00:00Z", status: INACTIVE, first: 100) { totalCount edges { node { userId totalEvents status } } } }`,
];

test.each(DOCUMENTS.map((d, i) => [i, d]))('document %i: tenant t1 over both tenants = admin over t1 alone', async (_i, document) => {
  const asTenant = await answer(both.pulse, document, viewer('t1'));
  expect(asTenant).toEqual(await answer(alone.pulse, document));
  // ... and differs from what the admin sees over both tenants, so the comparison can fail.
  expect(asTenant).not.toEqual(await answer(both.pulse, document));
});

test('a tenant with no data gets zeros, not errors; dataQuality is refused to tenants', async () => {
  const data = (await answer(both.pulse, '{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-03"}, grain: DAY) { rows { activeUsers events newUsers } } }', viewer('t9'))) as {
    metrics: { rows: unknown[] };
  };
  expect(data.metrics.rows).toEqual([0, 0, 0].map(() => ({ activeUsers: 0, events: 0, newUsers: 0 })));
  const response = await both.pulse.apollo.executeOperation({ query: '{ dataQuality { summary { failed } } }' }, { contextValue: await both.pulse.context(viewer('t1')) });
  if (response.body.kind !== 'single') throw new Error('unexpected');
  expect(response.body.singleResult.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test("a tenant's answers come from marts partitioned by tenant (rollups keyed by it, per-user marts) where one can answer, equal to the admin's over its data alone", async () => {
  const document = `{ m: metrics(timeRange: {from: "2026-10-05", to: "2026-10-25"}, grain: WEEK) { rows { period dau activeUsers events sessions } meta { source } }
    l: lifecycle(timeRange: {from: "2026-09-21", to: "2026-10-25"}) { periods { period new retained resurrected dormant churned } meta { source } }
    u: users(asOf: "2026-11-01T00:00:00Z", first: 20) { totalCount edges { node { userId totalEvents } } meta { source } } }`;
  type Meta = { meta: { source: string } };
  const asTenant = (await answer(both.pulse, document, viewer('t1'))) as Record<'m' | 'l' | 'u', Meta>;
  expect([asTenant.m.meta.source, asTenant.l.meta.source, asTenant.u.meta.source]).toEqual(['weekly_by_user_group,daily', 'user_week', 'user_totals']);
  const strip = (value: Record<string, Meta>) => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, { ...v, meta: null }]));
  expect(strip(asTenant)).toEqual(strip((await answer(alone.pulse, document)) as Record<string, Meta>));
});

test('an admin and then a tenant asking the same question on one catalog get their own statements (the compile memo keys the marts each may use)', async () => {
  const document = '{ metrics(timeRange: {from: "2026-10-05", to: "2026-10-25"}, grain: WEEK) { rows { period wau mau stickiness } meta { source } } }';
  const asAdmin = (await answer(both.pulse, document)) as { metrics: { meta: { source: string } } };
  const asTenant = (await answer(both.pulse, document, viewer('t1'))) as { metrics: { meta: { source: string } } };
  expect(asAdmin.metrics.meta.source).toContain('trailing_users');
  expect(asTenant.metrics.meta.source).not.toContain('trailing_users');
  const alone1 = (await answer(alone.pulse, document)) as { metrics: { rows: unknown } };
  expect((asTenant as unknown as { metrics: { rows: unknown } }).metrics.rows).toEqual(alone1.metrics.rows);
});
