import type { CompiledQuery } from 'kysely';
import { sql } from 'kysely';
import type { Warehouse } from '../../src/db';
import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';

// Hardening (issue 9): hostile text through every string argument reaches SQL only as a bound parameter.
// The statement text is the same as with a harmless value, every answer is data or a coded user error,
// and the warehouse's rows are unchanged.
const PAYLOADS = ["'; DROP TABLE users; --", '" OR 1=1 --', "') OR ('1'='1", '$1', '\\', '%_', '😀', 'a\u0000b', ' '.repeat(3), 'x'.repeat(5000)];
const DOCUMENTS = [
  (v: string) => `{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-07"}, grain: DAY, where: {country: {eq: ${v}}}) { rows { period dau } } }`,
  (v: string) => `{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-07"}, where: {OR: [{plan: {in: [${v}, "Pro"]}}, {platform: {neq: ${v}}}]}) { rows { events } } }`,
  (v: string) => `{ funnel(steps: [{eventType: "login"}, {eventType: ${v}}], timeRange: {from: "2026-10-01", to: "2026-10-20"}) { steps { users } } }`,
  (v: string) => `{ conversion(timeRange: {from: "2026-09-07", to: "2026-10-04"}, goalEventType: ${v}, asOf: "2026-11-01T00:00:00Z") { cohorts { size converted } } }`,
  (v: string) => `{ users(asOf: "2026-11-01T00:00:00Z", first: 5, where: {acquisitionSource: {eq: ${v}}}) { totalCount } }`,
  (v: string) => `{ retention(timeRange: {from: "2026-09-07", to: "2026-10-04"}, periods: 3, asOf: "2026-11-01T00:00:00Z", where: {city: {eq: ${v}}}) { cohorts { size } } }`,
];

let w: Warehouse;
let api: TestApi;
const statements: CompiledQuery[] = [];
beforeAll(async () => {
  w = await openFixture('demo_small');
  const watched: Warehouse = { ...w, run: (query) => (statements.push(query), w.run(query)) };
  api = await createTestApi(watched, undefined, { differential: false });
});
afterAll(async () => {
  await api.pulse.close();
});

async function counts(): Promise<string> {
  const { rows } = await sql<{ c: string }>`SELECT concat_ws(',', (SELECT count(*) FROM users), (SELECT count(*) FROM events), (SELECT count(*) FROM churn), (SELECT count(*) FROM plans)) AS c`.execute(w.db);
  return rows[0]?.c ?? '';
}

test.each(DOCUMENTS.map((d, i) => [i, d]))('document %i: statement text unchanged by any payload; data or BAD_USER_INPUT', async (_i, document) => {
  const before = await counts();
  statements.length = 0;
  const benign = await api.query(document(JSON.stringify('zz-benign')));
  expect(benign.errors).toBeUndefined();
  const reference = statements.map((s) => s.sql);
  expect(reference.length).toBeGreaterThan(0);
  for (const payload of PAYLOADS) {
    statements.length = 0;
    const answer = await api.query(document(JSON.stringify(payload)));
    for (const error of answer.errors ?? []) expect([error.extensions?.code, payload]).toEqual(['BAD_USER_INPUT', payload]);
    if (!answer.errors) {
      expect(statements.map((s) => s.sql)).toEqual(reference);
      expect(statements.some((s) => s.parameters.includes(payload))).toBe(true);
    }
    if (/DROP|OR 1=1|'1'='1/.test(payload)) for (const s of statements) expect(s.sql).not.toContain(payload);
  }
  expect(await counts()).toBe(before);
});
