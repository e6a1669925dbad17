/** The generated window: D whole UTC days ending with the end date (inclusive). */

export const DAY_MS = 86_400_000;

export interface TimeWindow {
  readonly startMs: number;
  /** Exclusive: midnight UTC after the end date. Nothing is generated at or after it. */
  readonly endMs: number;
  readonly days: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDate(text: string): number {
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!DATE.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`invalid date "${text}": expected YYYY-MM-DD`);
  }
  return ms;
}

export function timeWindow(endDate: string, days: number): TimeWindow {
  const endMs = parseDate(endDate) + DAY_MS;
  return { startMs: endMs - days * DAY_MS, endMs, days };
}

/** ISO-8601 UTC to the second, e.g. 2026-01-31T09:15:00Z. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
