import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Stopping and starting the PostgreSQL cluster that serves the scratch
 * databases (Debian's pg_ctlcluster), for the outage check. Found by port
 * with pg_lsclusters; usable only as root with the tools installed.
 */

const run = promisify(execFile);

export interface Cluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
}

const onPath = (tool: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, tool)));

/** The local cluster serving `server`, or why the outage check cannot run. */
export async function findCluster(server: string): Promise<Cluster | string> {
  const url = new URL(server);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return `the server ${url.hostname} is not on this machine`;
  const port = Number(url.port || 5432);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (pg_ctlcluster needs root)';
  for (const tool of ['pg_ctlcluster', 'pg_lsclusters', 'pg_isready']) if (!onPath(tool)) return `${tool} is not installed (Debian's postgresql-common)`;
  const { stdout } = await run('pg_lsclusters', ['-h']);
  for (const line of stdout.split('\n')) {
    const [version, name, p] = line.trim().split(/\s+/);
    if (version && name && Number(p) === port) return { version, name, port };
  }
  return `no cluster on port ${port} in pg_lsclusters (looked at /etc/postgresql)`;
}

export async function stopCluster(cluster: Cluster): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', '--mode', 'fast', cluster.version, cluster.name, 'stop']);
}

export async function startCluster(cluster: Cluster): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start']);
}

export async function isReady(cluster: Cluster): Promise<boolean> {
  try {
    await run('pg_isready', ['-h', '127.0.0.1', '-p', String(cluster.port), '-t', '1']);
    return true;
  } catch {
    return false;
  }
}

/** Waits until pg_isready says yes, at most `ms`. */
export async function waitReady(cluster: Cluster, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await isReady(cluster)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
