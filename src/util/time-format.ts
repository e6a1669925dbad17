const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** An instant as ISO-8601 wall-clock time in `timezone` with that zone's offset: 2026-03-29T00:00:00+01:00. */
export function formatInstant(instant: Date, timezone: string): string {
  if (timezone === 'UTC') {
    const fast = formatUtc(instant);
    if (fast !== null) return fast;
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(instant)) parts[p.type] = p.value;
  // longOffset is "GMT+01:00", or "GMT" for a zero offset.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/**
 * UTC (the default zone) without Intl, several times faster: toISOString's
 * fields are the same as Intl's for years 1000-9999 (Intl writes other years
 * unpadded or with an era), so outside them Intl still answers.
 */
function formatUtc(instant: Date): string | null {
  const year = instant.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return null;
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}
