import { WarehouseState, type VersionSnapshot } from '../../src/execution';

/** A read whose answers the test releases one at a time. */
function controlledRead() {
  const pending: Array<(snapshot: VersionSnapshot) => void> = [];
  let reads = 0;
  const read = () =>
    new Promise<VersionSnapshot>((resolve) => {
      reads += 1;
      pending.push(resolve);
    });
  const answer = (dataVersion: string) => pending.shift()?.({ dataVersion });
  return { read, answer, reads: () => reads };
}

test('while live, the held snapshot answers without a read until something invalidates it', async () => {
  let version = 1;
  let reads = 0;
  const state = new WarehouseState(async () => (reads++, { dataVersion: String(version) }));
  state.setLive(true);
  expect((await state.current()).dataVersion).toBe('1');
  expect((await state.current()).dataVersion).toBe('1');
  expect(reads).toBe(1);
  version = 2;
  expect((await state.current()).dataVersion).toBe('1'); // nothing said it changed
  state.invalidate();
  expect((await state.current()).dataVersion).toBe('2');
  expect((await state.current()).dataVersion).toBe('2');
  expect(reads).toBe(2);
});

test('while not live, every request reads; concurrent requests share one read', async () => {
  const { read, answer, reads } = controlledRead();
  const state = new WarehouseState(read);
  const a = state.current();
  const b = state.current();
  expect(reads()).toBe(1);
  answer('5');
  expect([(await a).dataVersion, (await b).dataVersion]).toEqual(['5', '5']);
  const c = state.current();
  expect(reads()).toBe(2);
  answer('6');
  expect((await c).dataVersion).toBe('6');
});

test('a read that started before an invalidation does not make the snapshot current', async () => {
  const { read, answer, reads } = controlledRead();
  const state = new WarehouseState(read);
  state.setLive(true);
  const early = state.current();
  state.invalidate(); // a change committed while the read was on its way
  const late = state.current();
  expect(reads()).toBe(2);
  answer('1');
  answer('2');
  expect((await early).dataVersion).toBe('1');
  expect((await late).dataVersion).toBe('2');
  expect((await state.current()).dataVersion).toBe('2');
  expect(reads()).toBe(2);
});

test('the periodic sync replaces the snapshot in the background, unless a change was heard meanwhile', async () => {
  const { read, answer, reads } = controlledRead();
  const state = new WarehouseState(read);
  state.setLive(true);
  const first = state.current();
  answer('1');
  await first;
  const sync = state.sync();
  // Requests do not wait for a sync.
  expect((await state.current()).dataVersion).toBe('1');
  answer('3');
  await sync;
  expect((await state.current()).dataVersion).toBe('3');

  const racing = state.sync();
  state.invalidate();
  answer('3'); // read before the change: not kept
  await racing;
  const fresh = state.current();
  expect(reads()).toBe(4);
  answer('4');
  expect((await fresh).dataVersion).toBe('4');
});

test('a failed read fails the requests that waited for it, and the next request reads again', async () => {
  let fail = true;
  const state = new WarehouseState(async () => {
    if (fail) throw new Error('down');
    return { dataVersion: '9' };
  });
  state.setLive(true);
  await expect(state.current()).rejects.toThrow('down');
  fail = false;
  expect((await state.current()).dataVersion).toBe('9');
});
