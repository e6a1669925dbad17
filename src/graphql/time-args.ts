import type { TimeSpec } from '../execution';
import { Weekday, type TimeGrain, type TimeRange } from './static-types';

/** The time arguments every query shares (SPEC §2), with their defaults. */
export function timeSpecOf(args: {
  timeRange: TimeRange;
  grain: TimeGrain | null | undefined;
  timezone: string | null | undefined;
  weekStart: Weekday | null | undefined;
}): TimeSpec {
  return {
    timeRange: { from: args.timeRange.from, to: args.timeRange.to },
    grain: args.grain ?? null,
    timezone: args.timezone ?? 'UTC',
    weekStart: args.weekStart ?? Weekday.MONDAY,
  };
}
