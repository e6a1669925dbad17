import { isValidTimezone } from '../../src/compiler';
import { formatInstant } from '../../src/util/time-format';

test('UTC is written without Intl exactly as Intl writes it (Etc/UTC goes through Intl)', () => {
  const instants = [
    '2026-01-01T00:00:00.000Z', '2026-03-29T00:59:59.999Z', '2024-02-29T23:59:59.500Z', '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '0999-12-31T23:59:59.000Z',
    '+010000-01-01T00:00:00.000Z', '2026-10-25T01:30:00.001Z',
  ].map((text) => new Date(text));
  // And a spread of instants over the years, at odd milliseconds.
  for (let ms = -30_000_000_000_000; ms < 250_000_000_000_000; ms += 7_777_777_777_777) instants.push(new Date(ms + 123));
  for (const instant of instants) expect(formatInstant(instant, 'UTC')).toBe(formatInstant(instant, 'Etc/UTC'));
  expect(formatInstant(new Date('2026-03-29T00:59:59.999Z'), 'UTC')).toBe('2026-03-29T00:59:59+00:00');
  expect(formatInstant(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
});

test('timezone names stay valid or invalid however often they are checked', () => {
  for (let i = 0; i < 3; i += 1) {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
    expect(isValidTimezone('x'.repeat(65))).toBe(false);
  }
});
