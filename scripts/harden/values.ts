import { Enum, Raw, type Value } from './gql';
import type { Rng } from './prng';

/**
 * Hostile and wrong values for any argument: text a warehouse or a parser
 * might choke on, numbers past every limit, values of the wrong type and
 * nested garbage. Echoes of these in error messages are not leaks (the
 * client sent them), so leaks.ts masks HOSTILE_TEXT before looking.
 */

export const HOSTILE_TEXT: readonly string[] = [
  "'; DROP TABLE users; --",
  "1' OR '1'='1",
  '" OR 1=1 --',
  'Robert"); DROP TABLE events;--',
  "x' UNION SELECT password FROM pulse_api_keys --",
  'SELECT * FROM pg_catalog.pg_tables',
  '$1',
  '$$; SELECT 1; $$',
  '\\',
  '\\x00',
  '%',
  '_',
  '/*',
  '*/',
  '${jndi:ldap://example.invalid/a}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-01-01',
  '2026-10-01T25:00:00Z',
  '2026-10-01T00:00:00',
  'Europe/Nowhere',
  'UTC+99',
  '',
  ' ',
  '\r\n',
  '\t',
  'Ｆｕｌｌｗｉｄｔｈ',
  'Zalgo: Z̷̡̛a̶̢l̸g̵o̴',
  'مرحبا بالعالم',
  '😀🚀👩‍👩‍👧‍👦',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u200b\u200e\u202e',
  '\ufeff',
];

/** Text that cannot reach PostgreSQL as it is: NUL, a lone surrogate. */
export const UNSTORABLE_TEXT: readonly string[] = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy'];

export function hostileString(rng: Rng): string {
  switch (rng.weighted([['corpus', 6], ['unstorable', 1], ['long', 1], ['random', 2]] as const)) {
    case 'corpus':
      return rng.pick(HOSTILE_TEXT);
    case 'unstorable':
      return rng.pick(UNSTORABLE_TEXT);
    case 'long':
      return rng.pick(['x', 'é', '😀', "'", 'a,']).repeat(rng.pick([1_000, 10_000, 60_000]));
    case 'random':
      return randomText(rng, rng.int(1, 40));
  }
}

/** Characters from every plane a parser might mishandle (controls, quotes, braces, astral). */
export function randomText(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const kind = rng.int(0, 5);
    const code = [rng.int(0x20, 0x7e), rng.int(0, 0x1f), rng.int(0x80, 0x7ff), rng.int(0x800, 0xd7ff), rng.int(0xe000, 0xfffd), rng.int(0x10000, 0x10ffff)][kind] ?? 0x20;
    text += String.fromCodePoint(code);
  }
  return text;
}

export const HOSTILE_NUMBERS: readonly number[] = [-1, 0, -2147483648, 2147483647, 2147483648, -2147483649, 9007199254740993, 1e308, -1e308, 1.5, -0.5, 1e-300];

/** A value of any shape: wrong type, out of range, nested garbage. */
export function garbage(rng: Rng, depth = 0): Value {
  switch (rng.int(0, depth > 2 ? 6 : 9)) {
    case 0:
      return hostileString(rng);
    case 1:
      return rng.pick(HOSTILE_NUMBERS);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return new Enum(rng.pick(['NOT_A_VALUE', 'day', 'Week', 'DROP', 'null_', 'true_']));
    case 5:
      return new Raw(rng.pick(['99999999999999999999999', '-0', '1e999', '0x1F', '12.3.4', '1_000', '$undeclared']));
    case 6:
      return rng.pick(HOSTILE_TEXT);
    case 7:
      return Array.from({ length: rng.int(0, 3) }, () => garbage(rng, depth + 1));
    case 8:
      return { [rng.pick(['a', 'from', 'eq', 'AND', 'eventType', 'x_y'])]: garbage(rng, depth + 1) };
    default:
      return nested(rng, rng.int(5, 40));
  }
}

/** Lists in lists (or objects in objects) `depth` deep. */
function nested(rng: Rng, depth: number): Value {
  let value: Value = rng.pick(HOSTILE_TEXT);
  for (let i = 0; i < depth; i += 1) value = rng.chance(0.5) ? [value] : { OR: [value] };
  return value;
}
