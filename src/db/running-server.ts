import fs from 'node:fs';
import path from 'node:path';

const SERVER_FILE = 'pulse.server.json';

/**
 * While `pulse serve` holds an embedded warehouse, it writes its address next
 * to the lock, so a command that would wait for the lock (`pulse query`)
 * can ask the running server instead. Returns the function that removes it.
 */
export function announceServer(dir: string, url: string): () => void {
  const file = path.join(dir, SERVER_FILE);
  fs.writeFileSync(file, `${JSON.stringify({ pid: process.pid, url })}\n`);
  return () => fs.rmSync(file, { force: true });
}

/** The Pulse serving this directory now: its process is alive (a file left by a crash is ignored). */
export function runningServer(dir: string): { pid: number; url: string } | null {
  let found: unknown;
  try {
    found = JSON.parse(fs.readFileSync(path.join(dir, SERVER_FILE), 'utf8'));
  } catch {
    return null;
  }
  const { pid, url } = (found ?? {}) as { pid?: unknown; url?: unknown };
  if (typeof pid !== 'number' || typeof url !== 'string' || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, url };
}
