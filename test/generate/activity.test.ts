import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate, type GenerateOptions } from '../../src/ingest/generate';

/** `activity` scales how often users show up; 1 (the default) must leave the files as they were. */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-activity-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const FILES = ['plans.csv', 'users.csv', 'events.csv', 'churn.csv'];

async function run(name: string, options: Partial<GenerateOptions> = {}) {
  const out = path.join(root, name);
  const summary = await generate({ users: 200, days: 30, seed: 42, endDate: '2026-01-31', out, ...options });
  const digest = (file: string) => createHash('sha256').update(fs.readFileSync(path.join(out, file))).digest('hex');
  return { events: summary.files.events.rows, digests: Object.fromEntries(FILES.map((f) => [f, digest(f)])) };
}

test('the default, and activity 1, give the files generated before the option existed', async () => {
  // Digests of the files written by the generator before --activity was added (same options).
  // A deliberate change to the generator changes them: update them in that commit, and say so.
  const before = {
    'plans.csv': '65143e81c8c1e1eed4be67389a02b9dd9c8f6e666fd812bfc0f150947f756aeb',
    'users.csv': '30a3378755edea115307a63979ca938ba728ce04359d4093f1ee4336680dd07d',
    'events.csv': 'dcdc21208dc42919b2c202f5664bd1b91d6f25f1974600af281e55d4fbfa9fba',
    'churn.csv': '16e363ef59386eb7f35bb2c7e6e7cf45c03c2e21f01269ca46478c792d57ad48',
  };
  expect((await run('default')).digests).toEqual(before);
  expect((await run('one', { activity: 1 })).digests).toEqual(before);
});

test('a factor is deterministic and changes only the events', async () => {
  const a = await run('a', { activity: 0.4 });
  const b = await run('b', { activity: 0.4 });
  const base = await run('base');
  expect(b.digests).toEqual(a.digests);
  expect(a.digests['events.csv']).not.toBe(base.digests['events.csv']);
  // Who the users are, their plans and churn are drawn before activity.
  for (const file of ['plans.csv', 'users.csv', 'churn.csv']) expect(a.digests[file]).toBe(base.digests[file]);
});

test('the event count scales roughly as asked', async () => {
  const options = { users: 1000, days: 90 };
  const base = (await run('scale-1', options)).events;
  const share = async (activity: number) => (await run(`scale-${activity}`, { ...options, activity })).events / base;
  const [low, half, more] = [await share(0.4), await share(0.5), await share(1.5)];
  // Not exact: signup sessions do not scale and the daily chance is capped at 95%.
  expect(low).toBeGreaterThan(0.36);
  expect(low).toBeLessThan(0.48);
  expect(half).toBeGreaterThan(low);
  expect(half).toBeLessThan(0.58);
  expect(more).toBeGreaterThan(1.3);
  expect(more).toBeLessThan(1.55);
});

test('a factor that is not a positive number is refused', async () => {
  for (const activity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    await expect(run('bad', { activity })).rejects.toThrow(/--activity must be a number > 0/);
  }
});
