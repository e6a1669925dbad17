import type { FixtureName } from './fixture-registry';
import { fixtureEnv } from './fixtures';

/**
 * Runs `main([...])` in-process on a private copy of a fixture: registers the hooks
 * that point the environment at it and capture console.log / console.error per test.
 */
export function cliOnFixture(name: FixtureName): { readonly output: string[]; readonly errors: string[] } {
  const captured = { output: [] as string[], errors: [] as string[] };
  let restoreEnv: () => void = () => undefined;
  beforeAll(() => {
    const { env, cleanup } = fixtureEnv(name);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    restoreEnv = () => {
      process.env = saved;
      cleanup();
    };
  });
  afterAll(() => restoreEnv());
  beforeEach(() => {
    captured.output.length = 0;
    captured.errors.length = 0;
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void captured.output.push(args.join(' ')));
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void captured.errors.push(args.join(' ')));
    process.exitCode = undefined;
  });
  afterEach(() => jest.restoreAllMocks());
  return captured;
}
