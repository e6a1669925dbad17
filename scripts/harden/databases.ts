import pg from 'pg';
import { pulseCli } from './cli';
import type { Cleanup } from './cleanup';

/**
 * Scratch databases pulse_harden_<pid>_<name> on the given server: created
 * empty (refused if one exists), filled with `pulse ingest --dir`, and
 * dropped WITH (FORCE) by the cleanup whatever happens.
 */

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
}

export async function createDatabase(server: string, suffix: string, cleanup: Cleanup): Promise<ScratchDatabase> {
  const name = `pulse_harden_${process.pid}_${suffix}`;
  await adminQuery(server, `CREATE DATABASE "${name}"`);
  cleanup.add(`drop database ${name}`, () => adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** `pulse ingest --dir DIR` into the database (migrates it first); returns the CLI's summary lines. */
export async function ingestDir(database: ScratchDatabase, dir: string): Promise<string> {
  return pulseCli(['ingest', '--dir', dir], { DATABASE_URL: database.url });
}

async function adminQuery(server: string, text: string): Promise<void> {
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
