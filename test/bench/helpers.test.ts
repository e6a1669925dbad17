import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../../src/ingest/generate';
import { dataFor, parseEvents } from '../../scripts/bench/options';
import { rangesFor } from '../../scripts/bench/questions/ranges';
import { splitNewest } from '../../scripts/bench/split-events';

/** The parts of `npm run bench` that decide what is measured: sizes, ranges and the held-back split. */

test('sizes: 10M events are 200k users; PGlite defaults to the demo data set', () => {
  expect(parseEvents('100k')).toBe(100_000);
  expect(parseEvents('1M')).toBe(1_000_000);
  expect(parseEvents('2.5M')).toBe(2_500_000);
  expect(() => parseEvents('ten')).toThrow(/--events/);
  expect(dataFor(10_000_000, 'postgres')).toMatchObject({ users: 200_000, days: 196 });
  expect(dataFor(100_000, 'postgres').users).toBe(2_000);
  expect(dataFor(null, 'pglite')).toEqual({ users: 5000, days: 180, activity: 1, seed: 42, endDate: '2026-10-31' });
});

test('ranges end with the data: whole Monday weeks up to the last Sunday, months clipped at the end', () => {
  const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
  const days = (r: { from: string; to: string }) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
  const saturday = rangesFor('2026-10-31');
  expect(saturday.last90Days).toEqual({ from: '2026-08-03', to: '2026-10-31' });
  expect(saturday.last30Days).toEqual({ from: '2026-10-02', to: '2026-10-31' });
  expect(saturday.last26Weeks).toEqual({ from: '2026-04-27', to: '2026-10-25' });
  expect(saturday.last6Months).toEqual({ from: '2026-05-01', to: '2026-10-31' });
  expect(saturday.asOf).toBe('2026-11-01T00:00:00Z');
  const sunday = rangesFor('2026-11-01');
  for (const r of [saturday, sunday]) {
    expect([weekday(r.last26Weeks.from), weekday(r.last26Weeks.to), days(r.last26Weeks)]).toEqual([1, 0, 182]);
    expect([weekday(r.last16Weeks.from), weekday(r.last16Weeks.to), days(r.last16Weeks)]).toEqual([1, 0, 112]);
  }
  expect(sunday.last16Weeks.to).toBe('2026-11-01');
  expect(rangesFor('2026-03-15').last6Months.from).toBe('2025-10-01');
});

test('the split holds back the newest ~1% of events and keeps every line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-split-'));
  try {
    await generate({ users: 300, days: 60, seed: 3, endDate: '2026-01-31', out: dir });
    const split = await splitNewest(path.join(dir, 'events.csv'), path.join(dir, 'main.csv'), path.join(dir, 'recent.csv'));
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').trimEnd().split('\n');
    const [all, main, recent] = [read('events.csv'), read('main.csv'), read('recent.csv')];
    expect(main[0]).toBe(all[0]);
    expect(recent[0]).toBe(all[0]);
    expect([...main.slice(1), ...recent.slice(1)].sort()).toEqual(all.slice(1).sort());
    expect([split.main, split.recent]).toEqual([main.length - 1, recent.length - 1]);
    expect(split.recent).toBeGreaterThanOrEqual(0.01 * (all.length - 1));
    expect(split.recent).toBeLessThan(0.02 * (all.length - 1));
    const at = (line: string) => line.split(',')[2] ?? '';
    expect(recent.slice(1).every((l) => at(l) >= split.cut.slice(0, 19))).toBe(true);
    expect(main.slice(1).every((l) => at(l) < split.cut.slice(0, 19))).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
