import { openWarehouse } from '../../src/db';
import { createTestApi, type TestApi } from '../support/api';
import { fixtureDatabaseUrl } from '../support/fixture-urls';
import { smallCatalog } from '../support/metrics';
import { TcpProxy as Proxy, until } from '../support/tcp-proxy';

const url = process.env.DATABASE_URL;
const onPostgres = url ? describe : describe.skip;

onPostgres('with the warehouse down', () => {
  let api: TestApi;
  let proxy: Proxy;

  beforeAll(async () => {
    const target = new URL(fixtureDatabaseUrl(url ?? '', 'small'));
    proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.up();
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    api = await createTestApi(await openWarehouse({ databaseUrl: target.toString(), dataDir: '' }), smallCatalog(), { differential: false });
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
