import { CompiledQuery } from 'kysely';
import type { Warehouse } from '../../src/db';
import { StatementGate, type Lane } from '../../src/execution';
import { ExecutionError } from '../../src/util/errors';
import { createTestApi } from '../support/api';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';

// The bounded pool with queueing (SPEC §11 limits): heavy statements never take every slot.
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('heavy statements take at most their slots; a light one starts at once while heavy ones queue; first come, first served', async () => {
  const gate = new StatementGate({ size: 3, heavySlots: 2, maxQueue: 10 });
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (lane: Lane, name: string) =>
    gate.run(lane, async () => {
      started.push(name);
      const d = deferred();
      finish.set(name, d.resolve);
      await d.promise;
      return name;
    });
  const h = [1, 2, 3, 4].map((i) => run('heavy', `h${i}`));
  await Promise.resolve();
  expect([started, gate.waiting]).toEqual([['h1', 'h2'], 2]);
  const light = run('light', 'l1');
  await Promise.resolve();
  expect(started).toEqual(['h1', 'h2', 'l1']); // the kept slot
  const light2 = run('light', 'l2');
  expect(gate.waiting).toBe(3); // every slot is taken now
  finish.get('l1')?.();
  await light;
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['h1', 'h2', 'l1', 'l2']); // h3 is first in the queue but heavy slots are full: l2 passes it
  finish.get('h1')?.();
  await h[0];
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['h1', 'h2', 'l1', 'l2', 'h3']);
  for (const name of ['h2', 'h3', 'l2']) finish.get(name)?.();
  await new Promise((r) => setImmediate(r));
  finish.get('h4')?.();
  expect(await Promise.all([...h, light2])).toEqual(['h1', 'h2', 'h3', 'h4', 'l2']);
  expect(gate.waiting).toBe(0);
});

test('a full queue refuses with WAREHOUSE_UNAVAILABLE; a failing statement frees its slot', async () => {
  const gate = new StatementGate({ size: 1, heavySlots: 1, maxQueue: 1 });
  const hold = deferred();
  const first = gate.run('heavy', () => hold.promise);
  const second = gate.run('heavy', async () => 'second');
  await expect(gate.run('light', async () => 'third')).rejects.toThrow(new ExecutionError('WAREHOUSE_UNAVAILABLE', 'the warehouse is busy: 1 statements are waiting (PULSE_QUEUE_MAX); retry shortly'));
  hold.resolve();
  await first;
  expect(await second).toBe('second');
  await expect(gate.run('heavy', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await gate.run('heavy', async () => 'after')).toBe('after');
});

test('a waiter past maxWaitMs is given up with WAREHOUSE_UNAVAILABLE and leaves the queue; a queued statement that fails hands its slot on', async () => {
  const gate = new StatementGate({ size: 1, heavySlots: 1, maxQueue: 10, maxWaitMs: 30 });
  const hold = deferred();
  const first = gate.run('heavy', () => hold.promise);
  await expect(gate.run('light', async () => 'late')).rejects.toThrow(new ExecutionError('WAREHOUSE_UNAVAILABLE', 'the warehouse is busy: no connection within 30 ms; retry shortly'));
  expect(gate.waiting).toBe(0);
  const failing = gate.run('heavy', async () => Promise.reject(new Error('queued and failed')));
  const after = gate.run('light', async () => 'after');
  expect(gate.waiting).toBe(2);
  hold.resolve();
  await first;
  await expect(failing).rejects.toThrow('queued and failed');
  expect(await after).toBe('after');
  expect(gate.waiting).toBe(0);
});

describe('through the executor on the warehouse', () => {
  let scratch: Scratch;
  let w: Warehouse;
  beforeAll(async () => {
    scratch = await createSmallScratch();
    w = await scratch.open();
  });
  afterAll(() => scratch.drop());

  // PostgreSQL only: PGlite runs statements on the event loop's thread, one at a time, so nothing runs beside them.
  (process.env.DATABASE_URL ? test : test.skip)('a burst of heavy statements does not hold up a light one', async () => {
    const api = await createTestApi(w, smallCatalog(), { differential: false, poolSize: 4 });
    try {
      const { executor } = api.pulse;
      const version = await executor.dataVersion();
      const done: string[] = [];
      // Each heavy statement differs (no single flight); 9 of them need three rounds of the 3 heavy slots.
      const heavy = Array.from({ length: 9 }, (_, i) =>
        executor.run(CompiledQuery.raw('SELECT pg_sleep(0.2), $1::int AS i', [i]), version, {}, 'heavy').then(() => done.push(`heavy${i}`)),
      );
      await new Promise((r) => setTimeout(r, 20));
      const light = executor.run(CompiledQuery.raw('SELECT 1 AS one', []), version, {}, 'light').then(() => done.push('light'));
      await Promise.all([...heavy, light]);
      expect(done.indexOf('light')).toBe(0);
      expect(done).toHaveLength(10);
    } finally {
      await api.pulse.close();
    }
  });
});
