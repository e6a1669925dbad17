import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs);
  }
  return latest;
}

/**
 * bin/pulse.js runs dist/: tests that start it as a process build it first
 * when src/ or migrations/ changed since (a stale build would test old code).
 */
export function ensureBuilt(): void {
  const built = 'dist/src/cli/main.js';
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(newest('src'), newest('migrations'))) return;
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'pipe' });
}
