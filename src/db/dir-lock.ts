import fs from 'node:fs';
import path from 'node:path';
import { ExecutionError } from '../util/errors';

const LOCK_FILE = 'pulse.lock';
/** Directories this process holds: a lock naming this pid that is not among them was left by an earlier process given the same pid (containers reuse them). */
const held = new Set<string>();

/**
 * PGlite has no locking of its own: two processes (say `pulse serve` and
 * `pulse ingest`) opening one directory would each write their own view of it
 * and lose the other's data. So the directory is taken with a lock file naming
 * the owner's pid; a lock left by a process that is gone is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(file);
      return () => {
        held.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      const ours = owner === process.pid;
      if (Number.isInteger(owner) && (ours ? held.has(file) : isAlive(owner))) {
        throw new ExecutionError(
          'WAREHOUSE_BUSY',
          `The embedded warehouse ${dir} is in use by process ${owner}${owner === process.pid ? ' (this one)' : ''}: stop it first (or delete ${file} if that process is not Pulse), or set DATABASE_URL to use PostgreSQL, which many processes can share.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new ExecutionError('WAREHOUSE_BUSY', `The embedded warehouse ${dir} could not be locked (${file})`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
