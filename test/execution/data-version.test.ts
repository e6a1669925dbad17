import { bumpDataVersion, notifyStateChange, readDataVersion } from '../../src/db';
import { createTestApi, type TestApi } from '../support/api';
import { ENGINE } from '../support/fixtures';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';
import { until } from '../support/tcp-proxy';

// The data version held in memory, on both engines: no round trip per request, and never behind a bump.
let scratch: Scratch;
let api: TestApi;
let readsBefore = 0;
beforeAll(async () => {
  scratch = await createSmallScratch();
  api = await createTestApi(await scratch.open(), smallCatalog(), { versionPollMs: 3_600_000, differential: false });
});
afterAll(async () => {
  await api.pulse.close();
  await scratch.drop();
});
beforeEach(() => (readsBefore = api.pulse.executor.state.reads));
/** Reads of the version from the warehouse since the test began. */
const reads = () => api.pulse.executor.state.reads - readsBefore;

const version = () => api.pulse.executor.dataVersion();

test(`on ${ENGINE}, requests read the version from memory while it is current`, async () => {
  expect(api.pulse.executor.state.live).toBe(true);
  const v = await version();
  for (let i = 0; i < 5; i += 1) await api.data('{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } } }');
  expect(await version()).toBe(v);
  expect(reads()).toBe(0);
});

test('a bump by this process is seen by its very next request', async () => {
  const bumped = await bumpDataVersion(api.pulse.warehouse.db);
  expect(await version()).toBe(bumped);
  expect(await readDataVersion(api.pulse.warehouse.db)).toBe(bumped);
  // PostgreSQL's NOTIFY from this very bump may add a second read later.
  expect(reads()).toBeGreaterThanOrEqual(1);
});

test('a bump inside a transaction is seen once it commits', async () => {
  const before = await version();
  let bumped = '';
  await api.pulse.warehouse.db.transaction().execute(async (trx) => {
    bumped = await bumpDataVersion(trx);
    expect(await version()).toBe(before);
  });
  // PGlite delivers the notification as the commit returns; PostgreSQL a moment later.
  await until(async () => (await version()) === bumped, 1_000);
});

test('notifyStateChange makes every process read the state again', async () => {
  await version();
  readsBefore = api.pulse.executor.state.reads;
  await notifyStateChange(api.pulse.warehouse.db);
  await version();
  expect(reads()).toBeGreaterThanOrEqual(1);
});
