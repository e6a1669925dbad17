import { checkJsonText, checkJsonValue } from '../../src/ingest/check-json';

const ok = (text: string) => checkJsonText('properties', text) === text;
const why = (text: string) => {
  const r = checkJsonText('properties', text);
  return typeof r === 'string' ? 'ok' : r.message;
};

test('flat objects load as written; whitespace that JSON does not allow is refused', () => {
  for (const text of ['{}', ' { } ', '{"a":1}', '{ "a" : "x, y" ,\n "b": -1.5, "c": null, "d": true, "e": false }', '{"a":0.000000000000001}']) expect([text, ok(text)]).toEqual([text, true]);
  for (const text of ['{\u00a0}', '{"a"\u2028:1}', '{"a":1,}', '{"a":01}', '{"a":"x\u0001"}', '{a:1}']) expect([text, why(text)]).toEqual([text, 'properties is not valid JSON']);
});

test('what jsonb refuses is named: nesting, NUL, unpaired surrogates, numbers out of range', () => {
  expect(why(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`)).toBe('properties is nested deeper than 64 levels');
  expect(ok(`${'{"a":'.repeat(64)}1${'}'.repeat(64)}`)).toBe(true);
  expect(why('{"a":"\\u0000"}')).toBe('properties contains a NUL character');
  expect(why('{"\\ud800":1}')).toBe('properties contains an unpaired UTF-16 surrogate');
  expect(why('{"a":1e400}')).toBe('properties holds a number too large to store');
  expect(why('{"a":1e-16384}')).toMatch(/^properties holds a number jsonb cannot store/);
  expect(why('[1]')).toBe('properties must be a JSON object');
  // Look-alikes inside strings are text: fine.
  expect(ok('{"path":"C:\\\\u0000","code":"E12345","pair":"\\ud83d\\ude00"}')).toBe(true);
  expect(ok('{"big":123456789012345678901234567890}')).toBe(true);
});

test('an NDJSON object is checked as a value, then written as JSON text', () => {
  expect(checkJsonValue('properties', { a: 1, b: { c: 'x' } })).toBe('{"a":1,"b":{"c":"x"}}');
  expect(checkJsonValue('properties', { a: Number.POSITIVE_INFINITY })).toEqual({ code: 'PROPERTIES_NOT_OBJECT', message: 'properties holds a number too large to store' });
  expect(checkJsonValue('properties', [1])).toEqual({ code: 'PROPERTIES_NOT_OBJECT', message: 'properties must be a JSON object' });
});
