import path from 'node:path';
import { createKey } from '../../src/auth';
import { loadConfig } from '../../src/config/config';
import { serve, type Pulse } from '../../src/main';
import type { Logger } from '../../src/util/logger';
import { ROOT } from './cli';
import type { Cleanup } from './cleanup';
import { newSecret, signJwt } from './jwt';

/**
 * Pulse served in this process, as `pulse serve` would (auth required, no
 * demo data, no rate limit so the fuzz is not throttled), with a logger that
 * writes nothing but counts error lines, so a check can say what it made the
 * server log.
 */

export class CountingLogger implements Logger {
  errors = 0;
  warnings = 0;
  /** Error lines by message, and the first causes seen, for the report. */
  readonly byMessage = new Map<string, number>();
  readonly samples: string[] = [];

  info(): void {}

  warn(): void {
    this.warnings += 1;
  }

  error(details: object, message: string): void {
    this.errors += 1;
    this.byMessage.set(message, (this.byMessage.get(message) ?? 0) + 1);
    if (this.samples.length < 10) this.samples.push(`${message}: ${causeOf(details)}`);
  }
}

function causeOf(details: object): string {
  const err = (details as { err?: unknown }).err;
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return JSON.stringify(details).slice(0, 300);
}

export interface Keys {
  readonly admin: string;
  readonly viewer: string;
  /** A viewer scoped to tenant t1. */
  readonly viewerT1: string;
  /** An admin JWT (PULSE_JWT_SECRET is set for the run), valid for a day. */
  readonly adminJwt: string;
}

export interface Server {
  readonly url: string;
  readonly healthUrl: string;
  readonly pulse: Pulse;
  readonly keys: Keys;
  readonly logger: CountingLogger;
}

export async function startServer(databaseUrl: string, label: string, cleanup: Cleanup): Promise<Server> {
  const logger = new CountingLogger();
  const secret = newSecret();
  const config = loadConfig({
    PULSE_JWT_SECRET: secret,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    PULSE_AUTH: 'required',
    PULSE_DEMO_DATA: 'off',
    PULSE_RATE_LIMIT: '0',
    PULSE_METRICS_DIR: path.join(ROOT, 'metrics'),
    NODE_ENV: 'production',
  });
  const { pulse, http } = await serve(config, logger);
  cleanup.add(`stop the ${label} server`, async () => {
    await http.stop();
    await pulse.close();
  });
  const db = pulse.warehouse.db;
  const keys: Keys = {
    admin: (await createKey(db, { role: 'admin', tenant: null, name: 'harden-admin' })).key,
    viewer: (await createKey(db, { role: 'viewer', tenant: null, name: 'harden-viewer' })).key,
    viewerT1: (await createKey(db, { role: 'viewer', tenant: 't1', name: 'harden-viewer-t1' })).key,
    adminJwt: signJwt(secret, { sub: 'harden', role: 'admin', exp: Math.floor(Date.now() / 1000) + 86_400 }),
  };
  return { url: http.url, healthUrl: http.url.replace(/\/graphql$/, '/health'), pulse, keys, logger };
}
