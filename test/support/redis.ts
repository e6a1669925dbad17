import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';

/** Where the Redis tests look: PULSE_TEST_REDIS_URL, default the local server that .ci/run starts. */
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Set by the global setup: the Redis URL when it answered PING, '' when it did
 * not (then the Redis tests are skipped, with a message; under CI=true the run fails instead).
 */
export function testRedisUrl(): string {
  return process.env.PULSE_TEST_REDIS_URL ?? '';
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** A key prefix of this test run's own, and a way to delete everything under it. */
export function testPrefix(): string {
  return `pulse-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

function client(url: string) {
  const c = createClient({ url });
  c.on('error', () => undefined);
  return c;
}

type Client = ReturnType<typeof client>;

export async function redisCommand<T>(url: string, f: (client: Client) => Promise<T>): Promise<T> {
  const c = client(url);
  await c.connect();
  try {
    return await f(c);
  } finally {
    c.destroy();
  }
}

export function redisKeys(url: string, prefix: string): Promise<string[]> {
  return redisCommand(url, async (c) => {
    const keys: string[] = [];
    for await (const batch of c.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
    return keys;
  });
}

export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const keys = await redisKeys(url, prefix);
  if (keys.length > 0) await redisCommand(url, (c) => c.del(keys));
}
