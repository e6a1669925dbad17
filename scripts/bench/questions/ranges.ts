import type { TimeRange } from '../../../src/compiler/query';

/**
 * The questions' time ranges, relative to the data's last day E (inclusive):
 * 90 and 30 days ending with E; whole Monday weeks ending with the last
 * Sunday on or before E (so no week is clipped); six calendar months, the
 * last clipped at E; and asOf at the end of E (midnight UTC after it), after
 * every generated event.
 */

export interface Ranges {
  readonly last90Days: TimeRange;
  readonly last30Days: TimeRange;
  readonly last26Weeks: TimeRange;
  readonly last16Weeks: TimeRange;
  readonly last6Months: TimeRange;
  readonly asOf: string;
}

const DAY_MS = 86_400_000;

function ms(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${date}`);
  return t;
}

function date(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return date(ms(day) + n * DAY_MS);
}

export function rangesFor(endDate: string): Ranges {
  const lastSunday = addDays(endDate, -new Date(ms(endDate)).getUTCDay());
  const end = new Date(ms(endDate));
  const monthStart = date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 5, 1));
  return {
    last90Days: { from: addDays(endDate, -89), to: endDate },
    last30Days: { from: addDays(endDate, -29), to: endDate },
    last26Weeks: { from: addDays(lastSunday, -26 * 7 + 1), to: lastSunday },
    last16Weeks: { from: addDays(lastSunday, -16 * 7 + 1), to: lastSunday },
    last6Months: { from: monthStart, to: endDate },
    asOf: `${addDays(endDate, 1)}T00:00:00Z`,
  };
}
