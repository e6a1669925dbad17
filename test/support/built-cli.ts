import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * bin/pulse.js runs dist/ and the server serves dist/web: build what changed
 * (bin/build.js hashes the sources; a no-op when they are as built). The jest
 * global setup calls it once, before any worker starts, so two test files
 * never build at the same time; a test file calls it again only as a guard.
 */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '../../bin/build.js')], { stdio: 'pipe' });
}
