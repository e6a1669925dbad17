import { readView, whereFor, zonedMidnight } from '../../src/web/state/view';

// The dashboard's URL state and date arithmetic (plain functions of src/web, run here without a browser).
test('midnight in a timezone carries that day\'s offset, across DST changes and half-hour zones', () => {
  expect(zonedMidnight('2026-11-01', 'UTC')).toBe('2026-11-01T00:00:00+00:00');
  expect(zonedMidnight('2026-11-01', 'America/New_York')).toBe('2026-11-01T00:00:00-04:00'); // DST ends at 02:00 that day
  expect(zonedMidnight('2026-11-02', 'America/New_York')).toBe('2026-11-02T00:00:00-05:00');
  expect(zonedMidnight('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T00:00:00+01:00'); // DST starts at 02:00 that day
  expect(zonedMidnight('2026-03-30', 'Europe/Berlin')).toBe('2026-03-30T00:00:00+02:00');
  expect(zonedMidnight('2026-07-01', 'Asia/Kolkata')).toBe('2026-07-01T00:00:00+05:30');
  expect(zonedMidnight('2026-07-01', 'Asia/Tokyo')).toBe('2026-07-01T00:00:00+09:00');
});

test('presets end on the last day with data; custom ranges and filters', () => {
  const preset = readView(new URLSearchParams('range=7d&tz=Asia/Tokyo&week=SUNDAY&grain=MONTH'), '2026-10-31');
  expect(preset).toMatchObject({ range: '7d', from: '2026-10-25', to: '2026-10-31', timezone: 'Asia/Tokyo', weekStart: 'SUNDAY', grain: 'MONTH' });
  const custom = readView(new URLSearchParams('range=custom&from=2026-02-01&to=2026-02-28&grain=NOPE&f.plan=Pro&f.plan=(none)&f.country=DE'), '2026-10-31');
  expect(custom).toMatchObject({ range: 'custom', from: '2026-02-01', to: '2026-02-28', grain: null, weekStart: 'MONDAY', timezone: 'UTC' });
  expect(whereFor(custom)).toEqual({ AND: [{ OR: [{ plan: { in: ['Pro'] } }, { plan: { isNull: true } }] }, { country: { in: ['DE'] } }] });
  expect(whereFor(custom, new Set(['country']))).toEqual({ country: { in: ['DE'] } });
  expect(whereFor(custom, new Set())).toBeNull();
  // A custom range with a bad date falls back to the default preset.
  expect(readView(new URLSearchParams('range=custom&from=2026-02-31&to=x'), '2026-10-31')).toMatchObject({ range: '30d', from: '2026-10-02', to: '2026-10-31' });
});
