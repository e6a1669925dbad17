import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { announceServer, runningServer } from '../../src/db';

// `pulse serve` leaves its address next to the embedded warehouse's lock; `pulse query` trusts it only while that process lives.
let dir: string;
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-running-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (content: string) => fs.writeFileSync(path.join(dir, 'pulse.server.json'), content);

test('a live server is found; its own process, a dead one, no file or a garbled one are not', () => {
  write(JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:4000/graphql' }));
  expect(runningServer(dir)).toEqual({ pid: process.ppid, url: 'http://127.0.0.1:4000/graphql' });
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  write(JSON.stringify({ pid: Number(dead), url: 'http://127.0.0.1:4000/graphql' }));
  expect(runningServer(dir)).toBeNull();
  write('{"pid": "x"');
  expect(runningServer(dir)).toBeNull();
  const withdraw = announceServer(dir, 'http://127.0.0.1:4100/graphql');
  expect(runningServer(dir)).toBeNull(); // this process: it holds the directory itself
  withdraw();
  expect(fs.existsSync(path.join(dir, 'pulse.server.json'))).toBe(false);
  expect(runningServer(dir)).toBeNull();
});
