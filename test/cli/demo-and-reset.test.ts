import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { readDemoState, writeDemoState, type Warehouse } from '../../src/db';
import { generate } from '../../src/ingest/generate';
import { fillDemoData } from '../../src/main';
import type { Logger } from '../../src/util/logger';
import { createEmptyScratch, type Scratch } from '../support/scratch';
import { shippedCatalog } from '../support/shipped';

// An interrupted demo load is redone on the next start; your own files never mix into the demo; `pulse reset` empties the warehouse.
const DEMO = { users: 60, days: 20, endDate: '2026-10-31', seed: 5 };
let scratch: Scratch;
const warnings: string[] = [];
const logger: Logger = { info: () => undefined, warn: (_d, message) => void warnings.push(message), error: () => undefined };

async function counts(w: Warehouse): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['plans', 'users', 'events', 'churn'] as const) {
    const row = await w.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

beforeAll(async () => {
  scratch = await createEmptyScratch();
});
afterAll(() => scratch.drop());

test('a demo load stopped half-way is emptied and loaded again on the next start; a complete one is left alone', async () => {
  const catalog = shippedCatalog();
  const w = await scratch.open();
  let complete: Record<string, number>;
  try {
    expect(await fillDemoData(w, catalog, scratch.databaseUrl, logger, DEMO)).toBe('loaded');
    expect(await readDemoState(w.db)).toBe('complete');
    complete = await counts(w);
    expect(complete.events).toBeGreaterThan(1000);
    expect(await fillDemoData(w, catalog, scratch.databaseUrl, logger, DEMO)).toBe('present');
    // What a Ctrl-C during the events file leaves: the mark still `loading`, part of the events in.
    await writeDemoState(w.db, 'loading');
    await w.db.deleteFrom('events').where('occurred_at', '>=', new Date('2026-10-20T00:00:00Z')).execute();
    await w.db.deleteFrom('churn').execute();
    expect((await counts(w)).events).toBeLessThan(complete.events ?? 0);
    expect(await fillDemoData(w, catalog, scratch.databaseUrl, logger, DEMO)).toBe('reloaded');
    expect(warnings).toEqual(['the demo load of an earlier start did not finish: emptying the warehouse and loading the demo again']);
    expect(await counts(w)).toEqual(complete);
    expect(await readDemoState(w.db)).toBe('complete');
  } finally {
    await w.close();
  }
}, 120_000);

describe('the CLI', () => {
  let output: string[];
  let saved: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    saved = { ...process.env };
    Object.assign(process.env, scratch.env);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-own-'));
    await generate({ users: 20, days: 10, endDate: '2026-10-31', seed: 9, out: dir });
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    output = [];
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  test('ingest refuses to mix your files into the demo; reset asks for --yes, then empties the warehouse; then ingest loads', async () => {
    await expect(main(['node', 'pulse', 'ingest', '--dir', dir])).rejects.toThrow(
      'The warehouse holds the demo data set (npm start loads it into an empty warehouse): your rows would mix with it. Empty it with `npx pulse reset --yes`',
    );
    await expect(main(['node', 'pulse', 'reset'])).rejects.toThrow(/^pulse reset deletes every row of data in the (PostgreSQL|embedded) warehouse.*; run `npx pulse reset --yes` to do it$/);
    await main(['node', 'pulse', 'reset', '--yes']);
    expect(output.join('\n')).toMatch(/^emptied the /);
    const w = await scratch.open();
    try {
      expect(await counts(w)).toEqual({ plans: 0, users: 0, events: 0, churn: 0 });
      expect(await readDemoState(w.db)).toBeNull();
      expect(await w.db.selectFrom('pulse_marts').select('name').execute()).toEqual([]);
    } finally {
      await w.close();
    }
    await main(['node', 'pulse', 'ingest', '--dir', dir]);
    const after = await scratch.open();
    try {
      expect((await counts(after)).users).toBe(20);
    } finally {
      await after.close();
    }
  }, 120_000);
});
