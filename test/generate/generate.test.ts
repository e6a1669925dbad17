import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CITIES } from '../../src/ingest/generate/catalog';
import { BAD_KINDS, COLUMNS, generate, type BadKind, type FileKind, type GenerateSummary } from '../../src/ingest/generate';
import { Judge } from './classify';
import { readCsv, readNdjson, type Record_ } from './read-back';

const KINDS: readonly FileKind[] = ['plans', 'users', 'events', 'churn'];
const END = '2026-01-31';
const END_MS = Date.parse('2026-02-01T00:00:00Z');
const DAYS = 30;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-generate-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function run(name: string, seed: number, badRows = 0, format: 'csv' | 'ndjson' = 'csv', users = 200, days = DAYS) {
  const out = path.join(root, name);
  const summary = await generate({ users, days, seed, out, endDate: END, badRows, format });
  return { out, summary };
}

function readAll(dir: string): Record<FileKind, Record_[]> {
  return { plans: readCsv(dir, 'plans').records, users: readCsv(dir, 'users').records, events: readCsv(dir, 'events').records, churn: readCsv(dir, 'churn').records };
}

/** Rows by verdict, judged in load order. */
function judge(files: Record<FileKind, Record_[]>) {
  const j = new Judge(Date.now());
  const good: Record<FileKind, Record_[]> = { plans: [], users: [], events: [], churn: [] };
  const bad: Record<FileKind, Map<BadKind, number>> = { plans: new Map(), users: new Map(), events: new Map(), churn: new Map() };
  for (const kind of KINDS) {
    for (const r of files[kind]) {
      const verdict = j.classify(kind, r);
      if (verdict === null) good[kind].push(r);
      else bad[kind].set(verdict, (bad[kind].get(verdict) ?? 0) + 1);
    }
  }
  return { good, bad };
}

const ms = (t: string | null | undefined) => Date.parse(t ?? '');
let clean: { out: string; summary: GenerateSummary };
let files: Record<FileKind, Record_[]>;

beforeAll(async () => {
  clean = await run('clean', 42);
  files = readAll(clean.out);
});

test('headers are the columns of SPEC §1, required first, and row counts match the summary', () => {
  for (const kind of KINDS) {
    const { header } = readCsv(clean.out, kind);
    expect(header).toEqual(COLUMNS[kind]);
    expect(files[kind]).toHaveLength(clean.summary.files[kind].rows);
  }
  expect(COLUMNS.events.slice(0, 4)).toEqual(['event_id', 'user_id', 'occurred_at', 'event_type']);
  expect(files.plans.map((p) => p.plan_id)).toEqual(['free', 'starter', 'pro', 'enterprise']);
  expect(files.users).toHaveLength(200);
  expect(files.events.length).toBeGreaterThan(2000);
  expect(files.churn.length).toBeGreaterThan(0);
});

test('the same seed gives byte-identical files, another seed different ones', async () => {
  const again = await run('again', 42);
  const other = await run('other', 43);
  for (const kind of KINDS) {
    const file = `${kind}.csv`;
    expect(fs.readFileSync(path.join(again.out, file)).equals(fs.readFileSync(path.join(clean.out, file)))).toBe(true);
  }
  expect(fs.readFileSync(path.join(other.out, 'events.csv')).equals(fs.readFileSync(path.join(clean.out, 'events.csv')))).toBe(false);
});

test('without bad rows every row is good, places are coherent and time is consistent', () => {
  const { good, bad } = judge(files);
  for (const kind of KINDS) expect([kind, good[kind].length, [...bad[kind].keys()]]).toEqual([kind, files[kind].length, []]);
  for (const kind of KINDS) expect(clean.summary.files[kind].bad).toEqual({});

  const places = new Set(CITIES.map((c) => `${c.country}|${c.region}|${c.city}`));
  const signup = new Map(files.users.map((u) => [u.user_id, ms(u.signup_at)]));
  for (const u of files.users) {
    expect(places.has(`${u.country}|${u.region}|${u.city}`)).toBe(true);
    expect(ms(u.signup_at)).toBeGreaterThanOrEqual(END_MS - DAYS * 86_400_000);
    expect(ms(u.signup_at)).toBeLessThan(END_MS);
  }
  const churn = new Map(files.churn.map((c) => [c.user_id, ms(c.churned_at)]));
  expect(churn.size).toBe(files.churn.length);
  for (const [user, at] of churn) {
    expect(at).toBeGreaterThanOrEqual(signup.get(user) ?? Infinity);
    expect(at).toBeLessThan(END_MS);
  }
  for (const e of files.events) {
    const t = ms(e.occurred_at);
    expect(t).toBeGreaterThanOrEqual(signup.get(e.user_id) ?? Infinity);
    expect(t).toBeLessThan(Math.min(END_MS, churn.get(e.user_id) ?? Infinity));
  }
});

test('sessions: one user each, events at most 30 minutes apart, sessions more than 30 minutes apart', () => {
  const byUser = new Map<string, Record_[]>();
  for (const e of files.events) {
    const list = byUser.get(e.user_id ?? '') ?? [];
    list.push(e);
    byUser.set(e.user_id ?? '', list);
  }
  let sessions = 0;
  for (const events of byUser.values()) {
    const sorted = [...events].sort((a, b) => ms(a.occurred_at) - ms(b.occurred_at));
    expect(sorted[0]?.event_type).toBe('signup');
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      const gap = ms(b?.occurred_at ?? null) - ms(a?.occurred_at ?? null);
      if (a?.session_id === b?.session_id) expect(gap).toBeLessThanOrEqual(30 * 60_000);
      else {
        expect(gap).toBeGreaterThan(30 * 60_000);
        sessions++;
      }
    }
    sessions++;
  }
  expect(new Set(files.events.map((e) => e.session_id)).size).toBe(sessions);
});

test('churn depends on plan and source, engagement on feature, activity dips at weekends', async () => {
  const big = readAll((await run('big', 5, 0, 'csv', 2000, 90)).out);
  const churned = new Set(big.churn.map((c) => c.user_id));
  const rate = (pick: (u: Record_) => boolean) => {
    const users = big.users.filter(pick);
    return users.filter((u) => churned.has(u.user_id)).length / users.length;
  };
  expect(rate((u) => u.plan_id === 'free')).toBeGreaterThan(2 * rate((u) => u.plan_id === 'enterprise'));
  expect(rate((u) => u.acquisition_source === 'social')).toBeGreaterThan(rate((u) => u.acquisition_source === 'partner'));

  const perUser = (feature: string) => {
    const users = new Set(big.events.filter((e) => e.event_type === 'feature_use' && e.feature === feature).map((e) => e.user_id));
    return big.events.filter((e) => users.has(e.user_id)).length / users.size;
  };
  expect(perUser('automation')).toBeGreaterThan(perUser('templates'));

  const byWeekday = new Array<number>(7).fill(0);
  for (const e of big.events) byWeekday[new Date(ms(e.occurred_at)).getUTCDay()]! += 1;
  const weekend = ((byWeekday[0] ?? 0) + (byWeekday[6] ?? 0)) / 2;
  const weekdays = byWeekday.slice(1, 6).reduce((a, b) => a + b, 0) / 5;
  expect(weekend).toBeLessThan(0.8 * weekdays);
});

test('with --bad-rows every listed kind is present, as counted, and the good rows are unchanged', async () => {
  const dirty = await run('dirty', 42, 0.05);
  const { good, bad } = judge(readAll(dirty.out));
  for (const kind of KINDS) {
    expect([kind, [...bad[kind].keys()].sort()]).toEqual([kind, [...BAD_KINDS[kind]].sort()]);
    expect(Object.fromEntries(bad[kind])).toEqual(dirty.summary.files[kind].bad);
    expect(good[kind]).toEqual(files[kind]);
  }
});

test('NDJSON holds the same rows as CSV, properties as objects, keys in column order', async () => {
  const csv = readAll((await run('dirty-csv', 9, 0.05)).out);
  const nd = await run('dirty-nd', 9, 0.05, 'ndjson');
  for (const kind of KINDS) {
    const { keys, records } = readNdjson(nd.out, kind);
    for (const k of keys) expect(k).toEqual(COLUMNS[kind]);
    expect(records).toHaveLength(csv[kind].length);
    // Normalise the NDJSON side to CSV text: prices as numbers may lose trailing zeros, and a
    // JSON string in properties is the CSV text itself or that text as a JSON string.
    const normalised = records.map((r, i) =>
      Object.fromEntries(COLUMNS[kind].map((column) => {
        const [a, b] = [r[column] ?? null, csv[kind][i]?.[column] ?? null];
        if (column === 'monthly_price' && a !== null && b !== null && Number(a) === Number(b)) return [column, b];
        if (column === 'properties' && a !== b && JSON.stringify(a) === b) return [column, b];
        return [column, a];
      })),
    );
    expect(normalised).toEqual(csv[kind]);
  }
  const props = readNdjson(nd.out, 'events').records.filter((r) => r.event_id?.startsWith('e0'));
  expect(props.every((r) => r.properties?.startsWith('{'))).toBe(true);
});
