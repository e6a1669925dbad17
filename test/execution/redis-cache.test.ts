import net from 'node:net';
import { CompiledQuery } from 'kysely';
import type { RedisConfig } from '../../src/config/config';
import type { Warehouse } from '../../src/db';
import { createTestApi } from '../support/api';
import { addJanuaryEvent, counted } from '../support/changes';
import { openFixture } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';
import { deletePrefix, redisCommand, redisKeys, testPrefix, testRedisUrl } from '../support/redis';
import { createSmallScratch, type Scratch } from '../support/scratch';
import { TcpProxy, until } from '../support/tcp-proxy';

const url = testRedisUrl();
const withRedis = url ? describe : describe.skip;

const DOC = `{
  metrics(timeRange: {from: "2026-01-01", to: "2026-01-07"}, grain: DAY) { rows { period events dau } meta { cached dataVersion computedAt } }
  lifecycle(timeRange: {from: "2026-01-05", to: "2026-01-18"}, grain: WEEK) { periods { period new retained } meta { cached computedAt } }
}`;

withRedis('Redis as the shared second cache level', () => {
  const prefix = testPrefix();
  const redis = (overrides: Partial<RedisConfig> = {}): RedisConfig => ({ url, prefix, ttlSeconds: 60, maxEntryBytes: 1024 * 1024, ...overrides });
  const opened: Array<{ close(): Promise<void> }> = [];
  const scratches: Scratch[] = [];
  afterAll(async () => {
    for (const o of opened.reverse()) await o.close();
    for (const s of scratches) await s.drop();
    await deletePrefix(url, prefix);
  });

  /** A Pulse over its own connection to (a copy of) the small fixture, sharing `prefix` in Redis. */
  async function instance(config: RedisConfig | null, warehouse?: Warehouse, stale = false) {
    const { warehouse: w, statements } = counted(warehouse ?? (await openFixture('small')));
    const api = await createTestApi(w, smallCatalog(), { redis: config, staleWhileRefresh: stale, differential: false });
    opened.push(api.pulse);
    return { api, statements };
  }

  test('one instance computes; another gets the answer from Redis without touching its warehouse', async () => {
    const a = await instance(redis());
    const b = await instance(redis());
    const first = await a.api.data(DOC);
    expect(a.statements).toHaveLength(2);
    expect(first.metrics.meta.cached).toBe(false);
    expect(first.metrics.rows[0]).toEqual({ period: '2026-01-01T00:00:00+00:00', events: 3, dau: 2 });

    const second = await b.api.data(DOC);
    expect(b.statements).toHaveLength(0);
    expect(second.metrics.rows).toEqual(first.metrics.rows);
    expect(second.lifecycle.periods).toEqual(first.lifecycle.periods);
    // The original run's time and version travel with the answer.
    expect(second.metrics.meta).toEqual({ ...first.metrics.meta, cached: true });
    expect(second.lifecycle.meta).toEqual({ ...first.lifecycle.meta, cached: true });

    // Bounded: every key has the configured TTL.
    const keys = await redisKeys(url, prefix);
    expect(keys.length).toBeGreaterThanOrEqual(4); // two answers and their latest-version pointers
    for (const key of keys) {
      const ttl = await redisCommand(url, (c) => c.ttl(key));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
    }
  });

  test('rows come back from Redis exactly: Dates, nulls, numbers, text, JSON', async () => {
    const a = await instance(redis());
    const b = await instance(redis());
    const query = CompiledQuery.raw(`
      SELECT g AS n, timestamptz '2026-03-29 01:30:00.123+00' + g * interval '1 hour' AS at, NULL::timestamptz AS never,
        NULL::text AS nothing, 2.5::float8 * g AS ratio, (1 / 3.0)::float8 AS third, (g * 10000000000)::int8 AS big,
        12.34::numeric AS price, 'Müller ☃ "q"' AS name, g = 1 AS flag, '-0'::float8 AS negative_zero,
        'NaN'::float8 AS nan, 'Infinity'::float8 AS inf, '{"a": [1, null, "x"]}'::jsonb AS props
      FROM generate_series(1, 2) AS g ORDER BY g`);
    const version = await a.api.pulse.executor.dataVersion();
    const computed = await a.api.pulse.executor.run(query, version);
    const shared = await b.api.pulse.executor.run(query, version);
    expect(b.statements).toHaveLength(0);
    expect(shared.cached).toBe(true);
    expect(shared.rows).toStrictEqual(computed.rows);
    expect(shared.computedAt).toEqual(computed.computedAt);
    const row = shared.rows[0] as Record<string, unknown>;
    expect(row.at).toBeInstanceOf(Date);
    expect((row.at as Date).toISOString()).toBe('2026-03-29T02:30:00.123Z');
    expect(Object.is(row.negative_zero, -0)).toBe(true);
    expect(row.nan).toBeNaN();
    expect(row.never).toBeNull();
  });

  test('an entry over the size limit stays in-process; the query still answers', async () => {
    const own = testPrefix();
    const a = await instance({ ...redis(), prefix: own, maxEntryBytes: 64 });
    expect((await a.api.data(DOC)).metrics.rows[0].events).toBe(3);
    expect(await redisKeys(url, own)).toEqual([]);
    expect((await a.api.data(DOC)).metrics.meta.cached).toBe(true);
  });

  test('with Redis unreachable every query still answers, from the warehouse and this process, and it is logged once', async () => {
    const closed = await closedPort();
    const a = await instance(redis({ url: `redis://127.0.0.1:${closed}` }));
    const first = await a.api.data(DOC);
    expect(first.metrics.rows[0]).toEqual({ period: '2026-01-01T00:00:00+00:00', events: 3, dau: 2 });
    expect((await a.api.data(DOC)).metrics.meta.cached).toBe(true);
    const other = await a.api.data('{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } } }');
    expect(other.metrics.rows).toEqual([{ events: 11 }]);
    await until(() => a.api.logged.length > 0);
    expect(a.api.logged.map((l) => l.message)).toEqual(['Redis is unavailable: caching in this process only until it is back']);
  });

  test('Redis going away mid-way fails no query; when it is back, answers are shared again', async () => {
    const proxy = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(url).port || 6379) });
    await proxy.up();
    const own = testPrefix();
    const config = { ...redis(), prefix: own, url: `redis://127.0.0.1:${proxy.port}` };
    const a = await instance(config);
    await until(() => a.api.pulse.executor.sharedReady);
    expect((await a.api.data(DOC)).metrics.meta.cached).toBe(false);
    expect((await redisKeys(url, own)).length).toBeGreaterThan(0);

    await proxy.down();
    const during = await a.api.data('{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } } }');
    expect(during.metrics.rows).toEqual([{ events: 11 }]);
    await until(() => a.api.logged.some((l) => l.message.startsWith('Redis is unavailable')));

    await proxy.up();
    await until(() => a.api.pulse.executor.sharedReady, 8_000);
    const later = '{ metrics(timeRange: {from: "2026-01-02", to: "2026-01-09"}) { rows { events } } }';
    await a.api.data(later);
    const b = await instance({ ...config, url });
    expect((await b.api.data(later)).metrics.rows).toEqual([{ events: 7 }]);
    expect(b.statements).toHaveLength(0);
    expect(a.api.logged.filter((l) => l.message.startsWith('Redis is unavailable'))).toHaveLength(1);
    await proxy.down();
  });

  test('stale-while-refresh finds an older version in Redis too: a new instance answers at once, then fresh', async () => {
    const own = testPrefix();
    const config = { ...redis(), prefix: own };
    // Two copies of the same data at the same version (PGlite cannot share one directory).
    const [one, two] = [await createSmallScratch(), await createSmallScratch()];
    scratches.push(one, two);
    const doc = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } meta { cached dataVersion } } }';
    const a = await instance(config, await one.open(), true);
    const before = await a.api.data(doc);
    expect(before.metrics.rows).toEqual([{ events: 11 }]);

    const w = await two.open();
    const v2 = await addJanuaryEvent(w);
    const b = await instance(config, w, true);
    const stale = await b.api.data(doc);
    expect(stale.metrics.rows).toEqual([{ events: 11 }]);
    expect(stale.metrics.meta).toEqual({ cached: true, dataVersion: before.metrics.meta.dataVersion });
    await b.api.pulse.executor.settled();
    const fresh = await b.api.data(doc);
    expect(fresh.metrics.rows).toEqual([{ events: 12 }]);
    expect(fresh.metrics.meta).toEqual({ cached: true, dataVersion: v2 });
    expect(b.statements).toHaveLength(1);
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
