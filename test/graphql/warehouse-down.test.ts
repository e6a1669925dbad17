import net from 'node:net';
import { openWarehouse } from '../../src/db';
import { createTestApi, type TestApi } from '../support/api';
import { fixtureDatabaseUrl } from '../support/fixture-urls';
import { smallCatalog } from '../support/metrics';

// A TCP proxy in front of PostgreSQL that the test can cut and restore, like a warehouse outage.
const url = process.env.DATABASE_URL;
const onPostgres = url ? describe : describe.skip;

class Proxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function until(condition: () => boolean, deadlineMs = 2_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

onPostgres('with the warehouse down', () => {
  let api: TestApi;
  let proxy: Proxy;

  beforeAll(async () => {
    const target = new URL(fixtureDatabaseUrl(url ?? '', 'small'));
    proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.up();
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    api = await createTestApi(await openWarehouse({ databaseUrl: target.toString(), dataDir: '' }), smallCatalog());
  });
  afterAll(async () => {
    await api.pulse.close();
    await proxy.down();
  });

  const doc = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } } }';

  test('answers WAREHOUSE_UNAVAILABLE with a plain message, then recovers when it is back', async () => {
    expect((await api.data(doc)).metrics.rows).toEqual([{ events: 11 }]);

    await proxy.down();
    // The data version is held in memory while its LISTEN connection is up; once Pulse has seen
    // that connection drop it reads the version per request again, and so answers nothing it cannot vouch for.
    await until(() => !api.pulse.executor.state.live);
    const failed = await api.query(doc);
    expect(failed.errors?.[0]?.extensions?.code).toBe('WAREHOUSE_UNAVAILABLE');
    expect(failed.errors?.[0]?.message).toBe('The warehouse is unavailable; try again shortly.');

    await proxy.up();
    api.pulse.executor.cache.clear();
    expect((await api.data(doc)).metrics.rows).toEqual([{ events: 11 }]);
  });
});
