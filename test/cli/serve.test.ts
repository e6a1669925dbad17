import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../support/built-cli';

// `pulse serve` as a process: Ctrl-C closes the embedded warehouse and its lock; a port in use is named, and the process exits; `pulse query` asks it meanwhile.
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-serve-'));
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function start(port: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PULSE_DATA_DIR: dir, PULSE_DEMO_DATA: 'off', PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL; // the embedded warehouse, whose lock is the point
  const child = spawn('node', ['bin/pulse.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('Ctrl-C stops the server cleanly: a shutdown line, exit 0, the directory unlocked', async () => {
  const server = start(0);
  await until(() => server.output().includes('Pulse is ready at'), 60_000);
  expect(fs.existsSync(path.join(dir, 'pulse.lock'))).toBe(true);
  // The terminal names the dashboard, which a browser gets at / (not Apollo's CSRF 400), and GraphiQL at /graphql.
  const dashboard = /Pulse is ready at (http:\/\/\S+\/) \(the dashboard; GraphQL at \S+\/graphql\)/.exec(server.output())?.[1] ?? '';
  const page = await fetch(dashboard, { headers: { accept: 'text/html' } });
  expect([page.status, page.headers.get('content-type'), (await page.text()).includes('<div id="root">')]).toEqual([200, 'text/html; charset=utf-8', true]);
  const graphiql = await fetch(`${dashboard}graphql`, { headers: { accept: 'text/html' } });
  expect([graphiql.status, (await graphiql.text()).includes('GraphiQL')]).toEqual([200, true]);
  // `pulse query` meanwhile: the server holds the embedded warehouse, so it answers (no wait for the lock).
  const env: NodeJS.ProcessEnv = { ...process.env, PULSE_DATA_DIR: dir, PULSE_DEMO_DATA: 'off' };
  delete env.DATABASE_URL;
  const started = Date.now();
  const query = spawnSync('node', ['bin/pulse.js', 'query', '{ catalog { version } }', '--format', 'json'], { env, encoding: 'utf8' });
  expect([query.status, query.stderr]).toEqual([0, expect.stringContaining(`(answered by the Pulse serving ${dashboard}graphql, which holds ${dir})`)]);
  const answered = await (await fetch(`${dashboard}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ catalog { version } }"}' })).json();
  expect(JSON.parse(query.stdout)).toEqual((answered as { data: unknown }).data);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(fs.existsSync(path.join(dir, 'pulse.server.json'))).toBe(true);
  server.child.kill('SIGINT');
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain('Pulse stopped');
  expect(fs.existsSync(path.join(dir, 'pulse.lock'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'pulse.server.json'))).toBe(false);
}, 90_000);

test('a port in use: exits non-zero naming the port and how to choose another, the directory unlocked', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    const server = start(port);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`Port ${port} on 127.0.0.1 is in use (another Pulse, or another program): stop it, or choose another port with PORT=... or --port ...`);
    expect(fs.existsSync(path.join(dir, 'pulse.lock'))).toBe(false);
  } finally {
    blocker.close();
  }
}, 90_000);

test('--version prints the package version; a wrong DATABASE_URL is named at start with what to do', () => {
  const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  expect(execFileSync('node', ['bin/pulse.js', '--version'], { encoding: 'utf8' }).trim()).toBe(version);
  const run = spawnSync('node', ['bin/pulse.js', 'query', '{ catalog { metrics { name } } }'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' },
  });
  expect(run.status).toBe(1);
  expect(run.stderr.trim()).toBe(
    'Cannot use PostgreSQL at 127.0.0.1:1/nowhere (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:1; is PostgreSQL running there, and is DATABASE_URL right? (unset it to use the embedded warehouse)',
  );
}, 60_000);
