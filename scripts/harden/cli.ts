import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `node bin/pulse.js ...` as a user runs it (bin/ uses dist/, which
 * `npm run harden` builds first): data is generated and loaded by the real
 * CLI, not by calling its functions.
 */

/** The repository: this file runs as dist/scripts/harden/cli.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function pulseCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'pulse.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const stdout = Buffer.concat(out).toString('utf8');
  if (code !== 0) throw new Error(`pulse ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString('utf8').slice(-2000)}`);
  return stdout;
}
