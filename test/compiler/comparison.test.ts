import { addMonths, bucketIndex, comparisonRange } from '../../src/compiler/comparison';

// SPEC §12's comparison ranges, computed by hand.
const MONDAY = 'MONDAY' as const;

test('PREVIOUS_PERIOD: back by the range\'s length in buckets of the grain', () => {
  const march = { from: '2026-03-01', to: '2026-03-31' };
  expect(comparisonRange(march, { grain: 'DAY', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  expect(comparisonRange(march, { grain: null, weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  // One month bucket: the whole of February, its last day kept last.
  expect(comparisonRange(march, { grain: 'MONTH', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  expect(comparisonRange({ from: '2026-01-31', to: '2026-03-31' }, { grain: 'MONTH', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2025-10-31', to: '2025-12-31' });
  expect(comparisonRange({ from: '2026-03-15', to: '2026-04-10' }, { grain: 'MONTH', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-01-15', to: '2026-02-10' });
  // Wednesday 4 March to Tuesday 17 March touches the weeks of 2, 9 and 16 March: 3 weeks back.
  expect(comparisonRange({ from: '2026-03-04', to: '2026-03-17' }, { grain: 'WEEK', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-02-11', to: '2026-02-24' });
  // Sunday weeks: 1, 8 and 15 March; still three.
  expect(comparisonRange({ from: '2026-03-04', to: '2026-03-17' }, { grain: 'WEEK', weekStart: 'SUNDAY' }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-02-11', to: '2026-02-24' });
  expect(comparisonRange({ from: '2026-04-01', to: '2026-06-30' }, { grain: 'QUARTER', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  expect(comparisonRange({ from: '2026-03-29', to: '2026-03-29' }, { grain: 'HOUR', weekStart: MONDAY }, 'PREVIOUS_PERIOD')).toEqual({ from: '2026-03-28', to: '2026-03-28' });
});

test('PREVIOUS_YEAR: the same dates (29 February to 28 February), 52 weeks, or 12 months', () => {
  expect(comparisonRange({ from: '2028-02-29', to: '2028-03-01' }, { grain: 'DAY', weekStart: MONDAY }, 'PREVIOUS_YEAR')).toEqual({ from: '2027-02-28', to: '2027-03-01' });
  expect(comparisonRange({ from: '2029-02-28', to: '2029-02-28' }, { grain: null, weekStart: MONDAY }, 'PREVIOUS_YEAR')).toEqual({ from: '2028-02-28', to: '2028-02-28' });
  expect(comparisonRange({ from: '2028-02-01', to: '2028-02-29' }, { grain: 'MONTH', weekStart: MONDAY }, 'PREVIOUS_YEAR')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  expect(comparisonRange({ from: '2029-02-01', to: '2029-02-28' }, { grain: 'MONTH', weekStart: MONDAY }, 'PREVIOUS_YEAR')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  // 52 weeks keep the weekday: Monday 2 March 2026 → Monday 3 March 2025.
  expect(comparisonRange({ from: '2026-03-02', to: '2026-03-15' }, { grain: 'WEEK', weekStart: MONDAY }, 'PREVIOUS_YEAR')).toEqual({ from: '2025-03-03', to: '2025-03-16' });
});

test('months keep a last day last and clamp other days; buckets pair by their index in the range', () => {
  expect([addMonths('2026-01-31', 1), addMonths('2026-03-30', -1), addMonths('2026-12-15', 1), addMonths('2026-01-15', -13)]).toEqual(['2026-02-28', '2026-02-28', '2027-01-15', '2024-12-15']);
  expect(bucketIndex('2026-03-01T00:00:00+01:00', '2026-01-31', { grain: 'MONTH', weekStart: MONDAY })).toBe(2);
  expect(bucketIndex('2026-03-16T00:00:00+00:00', '2026-03-04', { grain: 'WEEK', weekStart: MONDAY })).toBe(2);
  expect(bucketIndex('2026-03-02T00:00:00+00:00', '2026-03-04', { grain: 'WEEK', weekStart: MONDAY })).toBe(0);
  // HOUR by wall-clock hour: 03:00 on the day Berlin skips 02:00 is still bucket 3.
  expect(bucketIndex('2026-03-29T03:00:00+02:00', '2026-03-29', { grain: 'HOUR', weekStart: MONDAY })).toBe(3);
  expect(bucketIndex('2026-03-01T00:00:00+00:00', '2026-03-01', { grain: null, weekStart: MONDAY })).toBe(0);
});
