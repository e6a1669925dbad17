import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWarehouse } from '../../src/db';

// Two owners of one PGlite directory would each write their own view of it: the second is refused.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a second open of a PGlite directory is refused until the first closes', async () => {
  const first = await openWarehouse({ databaseUrl: null, dataDir: dir });
  try {
    await expect(openWarehouse({ databaseUrl: null, dataDir: dir })).rejects.toMatchObject({
      code: 'WAREHOUSE_BUSY',
      message: expect.stringMatching(new RegExp(`${dir} is in use by process ${process.pid} \\(this one\\).*DATABASE_URL`)),
    });
  } finally {
    await first.close();
  }
  expect(fs.existsSync(path.join(dir, 'pulse.lock'))).toBe(false);
  const again = await openWarehouse({ databaseUrl: null, dataDir: dir });
  await again.close();
});

test('a lock left by a process that is gone is taken over', async () => {
  // No pid is this large on Linux (pid_max is at most 2^22).
  fs.writeFileSync(path.join(dir, 'pulse.lock'), '99999999\n');
  const w = await openWarehouse({ databaseUrl: null, dataDir: dir });
  expect(fs.readFileSync(path.join(dir, 'pulse.lock'), 'utf8')).toBe(`${process.pid}\n`);
  await w.close();
});

test("a lock naming this process's pid that this process does not hold was left by an earlier process with the same pid: taken over", async () => {
  fs.writeFileSync(path.join(dir, 'pulse.lock'), `${process.pid}\n`);
  const w = await openWarehouse({ databaseUrl: null, dataDir: dir });
  await w.close();
  expect(fs.existsSync(path.join(dir, 'pulse.lock'))).toBe(false);
});
