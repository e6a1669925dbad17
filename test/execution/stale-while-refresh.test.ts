import { createTestApi, type TestApi } from '../support/api';
import { addJanuaryEvent, counted } from '../support/changes';
import { smallCatalog } from '../support/metrics';
import { createSmallScratch, type Scratch } from '../support/scratch';

const DOC = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-31"}) { rows { events } meta { cached dataVersion computedAt } } }';

interface Answer {
  metrics: { rows: Array<{ events: number }>; meta: { cached: boolean; dataVersion: string; computedAt: string } };
}

describe.each([
  ['on', true],
  ['off', false],
])('PULSE_CACHE_STALE=%s', (_, stale) => {
  let scratch: Scratch;
  let api: TestApi;
  let statements: string[];
  beforeAll(async () => {
    scratch = await createSmallScratch();
    const warehouse = counted(await scratch.open());
    statements = warehouse.statements;
    api = await createTestApi(warehouse.warehouse, smallCatalog(), { staleWhileRefresh: stale, differential: false });
  });
  afterAll(async () => {
    await api.pulse.close();
    await scratch.drop();
  });

  test(stale ? 'after a load the old answer is served at once, with its own version, then the fresh one' : 'after a load the answer is computed afresh', async () => {
    const first = await api.data<Answer>(DOC);
    expect(first.metrics.rows).toEqual([{ events: 11 }]);
    expect(first.metrics.meta.cached).toBe(false);
    const v1 = first.metrics.meta.dataVersion;

    const v2 = await addJanuaryEvent(api.pulse.warehouse);
    expect(v2).not.toBe(v1);
    const second = await api.data<Answer>(DOC);
    if (!stale) {
      expect(second.metrics.rows).toEqual([{ events: 12 }]);
      expect(second.metrics.meta).toMatchObject({ cached: false, dataVersion: v2 });
      expect(statements).toHaveLength(2);
      return;
    }
    // The older answer, saying which version it was computed for and when: never the new version's name on old numbers.
    expect(second.metrics.rows).toEqual([{ events: 11 }]);
    expect(second.metrics.meta).toEqual({ ...first.metrics.meta, cached: true });

    await api.pulse.executor.settled(); // the background recomputation
    expect(statements).toHaveLength(2);
    const third = await api.data<Answer>(DOC);
    expect(third.metrics.rows).toEqual([{ events: 12 }]);
    expect(third.metrics.meta).toMatchObject({ cached: true, dataVersion: v2 });
    expect(statements).toHaveLength(2);
  });
});
