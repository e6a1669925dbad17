import { decodeResult, encodeResult } from '../../src/execution';

const KEY = '["hash",null,"7","SELECT 1",[]]';

function roundTrip(rows: Array<Record<string, unknown>>): unknown {
  const computedAt = new Date('2026-03-29T01:30:00.123Z');
  const text = encodeResult(KEY, { rows, computedAt });
  expect(text).not.toBeNull();
  const back = decodeResult(KEY, text as string);
  expect(back?.computedAt).toEqual(computedAt);
  expect(back?.computedAt).toBeInstanceOf(Date);
  return back?.rows;
}

test('dates, numbers, strings and nulls come back exactly as they went in', () => {
  const rows = [
    { period: new Date('2026-03-29T00:00:00.000Z'), signup: new Date('1969-12-31T23:59:59.999Z'), events: 3, dau: 2.5, rate: 1 / 3, name: 'Munich', none: null },
    { period: new Date('2026-03-30T00:00:00.000Z'), signup: null, events: 0, dau: null, rate: 0.1 + 0.2, name: '', none: null },
  ];
  const back = roundTrip(rows) as typeof rows;
  expect(back).toStrictEqual(rows);
  expect(back[0]?.period).toBeInstanceOf(Date);
  expect(back[0]?.period.getTime()).toBe(rows[0]?.period.getTime());
  expect(back[1]?.rate).toBe(0.30000000000000004);
  // Column order is kept, so a client sees the same object.
  expect(Object.keys(back[0] ?? {})).toEqual(Object.keys(rows[0] ?? {}));
});

test('values plain JSON would change: -0, NaN, Infinity, bigint, undefined, invalid dates, arrays and objects', () => {
  const rows = [
    {
      zero: -0,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      ninf: Number.NEGATIVE_INFINITY,
      big: 12345678901234567890n,
      missing: undefined,
      bad: new Date(Number.NaN),
      max: Number.MAX_VALUE,
      tiny: Number.MIN_VALUE,
      list: [1, 'a', null, ['nested'], new Date(0)],
      json: { a: 1, b: [true, false], c: { d: null }, when: new Date(5) },
      tricky: '["d", 0]',
      bool: false,
    },
  ];
  const [back] = roundTrip(rows) as Array<Record<string, unknown>>;
  expect(Object.is(back?.zero, -0)).toBe(true);
  expect(back?.nan).toBeNaN();
  expect(back?.inf).toBe(Number.POSITIVE_INFINITY);
  expect(back?.ninf).toBe(Number.NEGATIVE_INFINITY);
  expect(back?.big).toBe(12345678901234567890n);
  expect('missing' in (back ?? {})).toBe(true);
  expect(back?.missing).toBeUndefined();
  expect(back?.bad).toBeInstanceOf(Date);
  expect((back?.bad as Date).getTime()).toBeNaN();
  expect(back?.max).toBe(Number.MAX_VALUE);
  expect(back?.tiny).toBe(Number.MIN_VALUE);
  expect(back?.list).toStrictEqual([1, 'a', null, ['nested'], new Date(0)]);
  expect(back?.json).toStrictEqual({ a: 1, b: [true, false], c: { d: null }, when: new Date(5) });
  expect(back?.tricky).toBe('["d", 0]');
  expect(back?.bool).toBe(false);
});

test('a column named __proto__ stays a column', () => {
  const row = JSON.parse('{"__proto__": 5, "a": 1}') as Record<string, unknown>;
  const [back] = roundTrip([row]) as Array<Record<string, unknown>>;
  expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toBe(5);
});

test('an entry of another key, or malformed text, is a miss; a value without an exact encoding is not shared', () => {
  const text = encodeResult(KEY, { rows: [{ a: 1 }], computedAt: new Date(0) }) as string;
  expect(decodeResult('["other"]', text)).toBeNull();
  expect(decodeResult(KEY, text.slice(0, -3))).toBeNull();
  expect(decodeResult(KEY, '{"k":"x"}')).toBeNull();
  expect(encodeResult(KEY, { rows: [{ blob: Buffer.from('x') }], computedAt: new Date(0) })).toBeNull();
  expect(encodeResult(KEY, { rows: [{ m: new Map() }], computedAt: new Date(0) })).toBeNull();
});
