import { main } from '../../src/cli/main';
import { createSmallScratch, type Scratch } from '../support/scratch';
import { breakRules } from '../quality/helpers';

// `pulse check` in-process, on a private, writable copy of the small fixture.
let scratch: Scratch;
let output: string[];
let restoreEnv: () => void;

beforeAll(async () => {
  scratch = await createSmallScratch();
  const saved = { ...process.env };
  Object.assign(process.env, scratch.env);
  restoreEnv = () => {
    process.env = saved;
  };
});
afterAll(async () => {
  restoreEnv();
  await scratch.drop();
});
beforeEach(() => {
  output = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  process.exitCode = undefined;
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

test('clean data: a table of passes, a summary, exit code 0', async () => {
  await main(['node', 'pulse', 'check']);
  const text = output.join('\n');
  expect(text).toMatch(/^name +severity +status +failures +sample$/m);
  expect(text).toMatch(/^event_after_signup +error +PASS +0$/m);
  expect(text.split('\n').at(-1)).toBe('22 tests: 22 passed, 0 failed, 0 warned, 0 errored');
  expect(process.exitCode ?? 0).toBe(0);
});

test('a failing error-severity test exits 1 and shows its sample', async () => {
  const warehouse = await scratch.open();
  try {
    await breakRules(warehouse.db);
  } finally {
    await warehouse.close();
  }
  await main(['node', 'pulse', 'check']);
  const text = output.join('\n');
  expect(text).toMatch(/^accepted_values_events_platform +error +FAIL +1 +\(x2, tv\)$/m);
  expect(text).toMatch(/^no_signup_in_future +warn +WARN +1 +\(u9, 2099-01-01T00:00:00(\+00:00|Z)\)$/m);
  expect(text.split('\n').at(-1)).toBe('22 tests: 16 passed, 5 failed, 1 warned, 0 errored');
  expect(process.exitCode).toBe(1);
});

test('--only runs the named tests; warnings alone do not fail; --format json', async () => {
  await main(['node', 'pulse', 'check', '--only', 'no_signup_in_future,unique_users_user_id', '--format', 'json']);
  const run = JSON.parse(output.join('\n'));
  expect(run.results.map((r: any) => [r.name, r.status, r.failures])).toEqual([
    ['unique_users_user_id', 'pass', 0],
    ['no_signup_in_future', 'warn', 1],
  ]);
  expect(run.summary).toMatchObject({ passed: 1, warned: 1, failed: 0, errored: 0, ok: true });
  expect(process.exitCode ?? 0).toBe(0);
});

test('an unknown name in --only is refused with did-you-mean', async () => {
  await expect(main(['node', 'pulse', 'check', '--only', 'event_after_singup'])).rejects.toThrow(/Did you mean "event_after_signup"/);
});
