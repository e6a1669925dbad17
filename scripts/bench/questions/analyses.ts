import { instant, num, rate, rowsOf } from './canonical';
import type { Ranges } from './ranges';
import type { CanonicalRow, Question, QuestionContext } from './types';

/**
 * The analyses (e retention, f lifecycle, h funnel). Weeks are computed as in
 * metrics.ts: `date_trunc('week', local time)` is the local Monday 00:00,
 * turned back into an instant with AT TIME ZONE, and week arithmetic is on
 * wall-clock timestamps, so DST never shifts a week.
 */

const PERIODS = 16;
const WINDOW_DAYS = 7;
const FUNNEL_STEPS = ['login', 'feature_use', 'purchase'] as const;

interface RetentionCohort {
  cohort: string;
  size: number;
  periods: { offset: number; periodStart: string; retained: number; rate: number | null }[];
}

export function retention(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'e',
    title: `retention, ${PERIODS} weekly signup cohorts x ${PERIODS} periods`,
    document: `query ($range: TimeRange!, $tz: String, $asOf: DateTime) {
  answer: retention(timeRange: $range, grain: WEEK, periods: ${PERIODS}, asOf: $asOf, timezone: $tz) {
    cohorts { cohort size periods { offset periodStart retained rate } }
    meta { cached source }
  }
}`,
    variables: { range: r.last16Weeks, tz: ctx.timezone, asOf: r.asOf },
    // Cohorts: the whole weeks that start inside the range, and not after asOf; members signed up in
    // the cohort's week, by asOf. Offset k is the k-th week after the cohort's; offsets starting after
    // asOf are left out and activity after asOf does not count.
    sql: `WITH cohorts AS (
  SELECT c AS week
  FROM generate_series(date_trunc('week', $2::date::timestamp + interval '6 days'), $3::date::timestamp, interval '1 week') AS c
  WHERE (c AT TIME ZONE $1::text) <= $4::timestamptz
),
members AS (
  SELECT u.user_id, c.week
  FROM users AS u
  JOIN cohorts AS c ON c.week = date_trunc('week', u.signup_at AT TIME ZONE $1::text)
  WHERE u.signup_at <= $4::timestamptz
),
active_weeks AS (
  -- Every user's active weeks from the first cohort on (GROUP BY hashes; narrowing to members first was slower).
  SELECT e.user_id, date_trunc('week', e.occurred_at AT TIME ZONE $1::text) AS week
  FROM events AS e
  WHERE e.occurred_at >= (date_trunc('week', $2::date::timestamp + interval '6 days') AT TIME ZONE $1::text)
    AND e.occurred_at < ((date_trunc('week', $3::date::timestamp) + $5::int * interval '1 week') AT TIME ZONE $1::text)
    AND e.occurred_at <= $4::timestamptz
  GROUP BY 1, 2
),
offsets AS (
  SELECT c.week AS cohort, k AS period_offset, c.week + k * interval '1 week' AS week
  FROM cohorts AS c
  CROSS JOIN generate_series(0, $5::int - 1) AS k
  WHERE ((c.week + k * interval '1 week') AT TIME ZONE $1::text) <= $4::timestamptz
),
sizes AS (
  SELECT week AS cohort, count(*) AS size FROM members GROUP BY 1
),
returns AS (
  SELECT m.week AS cohort, a.week, count(*) AS retained
  FROM members AS m
  JOIN active_weeks AS a ON a.user_id = m.user_id AND a.week >= m.week
  GROUP BY 1, 2
)
SELECT (o.cohort AT TIME ZONE $1::text) AS cohort, coalesce(s.size, 0) AS size, o.period_offset,
  (o.week AT TIME ZONE $1::text) AS period_start, coalesce(r.retained, 0) AS retained
FROM offsets AS o
LEFT JOIN sizes AS s ON s.cohort = o.cohort
LEFT JOIN returns AS r ON r.cohort = o.cohort AND r.week = o.week
ORDER BY o.cohort, o.period_offset`,
    params: [ctx.timezone, r.last16Weeks.from, r.last16Weeks.to, r.asOf, PERIODS],
    ordered: true,
    fromPulse: (answer) =>
      rowsOf<RetentionCohort>(answer, 'cohorts').flatMap((c) =>
        c.periods.map((p) => ({ cohort: instant(c.cohort), size: c.size, offset: p.offset, periodStart: instant(p.periodStart), retained: p.retained, rate: p.rate })),
      ),
    fromSql: (rows) =>
      rows.map((row): CanonicalRow => {
        const [size, retained] = [num(row.size), num(row.retained)];
        return { cohort: instant(row.cohort), size, offset: num(row.period_offset), periodStart: instant(row.period_start), retained, rate: rate(retained, size) };
      }),
  };
}

const LIFECYCLE = { period: instant, new: num, retained: num, resurrected: num, dormant: num, churned: num } as const;

function lifecycleRow(row: Readonly<Record<string, unknown>>): CanonicalRow {
  return Object.fromEntries(Object.entries(LIFECYCLE).map(([name, to]) => [name, to(row[name])]));
}

export function lifecycle(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'f',
    title: `lifecycle, ${PERIODS} weeks`,
    document: `query ($range: TimeRange!, $tz: String) {
  answer: lifecycle(timeRange: $range, grain: WEEK, timezone: $tz) {
    periods { period new retained resurrected dormant churned }
    meta { cached source }
  }
}`,
    variables: { range: r.last16Weeks, tz: ctx.timezone },
    // SPEC §6 state by state, over every active week of every user from the start of the data ("new" is
    // the first active week ever) up to the end of the last whole week. flags has a row per user and
    // week P when the user is active in P or in P-1; churned counts users first active before P-1 with
    // no such row.
    sql: `WITH active AS MATERIALIZED (
  SELECT DISTINCT user_id, date_trunc('week', occurred_at AT TIME ZONE $1::text) AS week
  FROM events
  WHERE occurred_at < ((date_trunc('week', $3::date::timestamp) + interval '1 week') AT TIME ZONE $1::text)
),
firsts AS (
  SELECT user_id, min(week) AS first_week FROM active GROUP BY user_id
),
flags AS (
  SELECT user_id, week, bool_or(NOT shifted) AS in_week, bool_or(shifted) AS in_previous
  FROM (
    SELECT user_id, week, false AS shifted FROM active
    UNION ALL
    SELECT user_id, week + interval '1 week', true FROM active
  ) AS x
  WHERE week >= date_trunc('week', $2::date::timestamp)
  GROUP BY user_id, week
),
weeks AS (
  SELECT p FROM generate_series(date_trunc('week', $2::date::timestamp), $3::date::timestamp, interval '1 week') AS p
)
SELECT (w.p AT TIME ZONE $1::text) AS period,
  count(*) FILTER (WHERE x.in_week AND f.first_week = w.p) AS new,
  count(*) FILTER (WHERE x.in_week AND x.in_previous) AS retained,
  count(*) FILTER (WHERE x.in_week AND NOT x.in_previous AND f.first_week < w.p) AS resurrected,
  count(*) FILTER (WHERE x.in_previous AND NOT x.in_week) AS dormant,
  (SELECT count(*) FROM firsts WHERE first_week < w.p - interval '1 week')
    - count(*) FILTER (WHERE f.first_week < w.p - interval '1 week') AS churned
FROM weeks AS w
LEFT JOIN flags AS x ON x.week = w.p
LEFT JOIN firsts AS f ON f.user_id = x.user_id
GROUP BY w.p
ORDER BY w.p`,
    params: [ctx.timezone, r.last16Weeks.from, r.last16Weeks.to],
    ordered: true,
    fromPulse: (answer) => rowsOf<Record<string, unknown>>(answer, 'periods').map(lifecycleRow),
    fromSql: (rows) => rows.map(lifecycleRow),
  };
}

interface FunnelStep {
  index: number;
  eventType: string;
  users: number;
  conversionRate: number | null;
  stepConversionRate: number | null;
}

export function funnel(ctx: QuestionContext, r: Ranges): Question {
  const steps = FUNNEL_STEPS.map((eventType) => `{ eventType: "${eventType}" }`).join(', ');
  return {
    id: 'h',
    title: `funnel ${FUNNEL_STEPS.join(' -> ')}, ${WINDOW_DAYS}-day window, 90 days`,
    document: `query ($range: TimeRange!, $tz: String) {
  answer: funnel(timeRange: $range, windowDays: ${WINDOW_DAYS}, timezone: $tz, steps: [${steps}]) {
    steps { index eventType users conversionRate stepConversionRate }
    meta { cached source }
  }
}`,
    variables: { range: r.last90Days, tz: ctx.timezone },
    // Entries are step-1 events in the range. From an entry, step k is the earliest step-k event strictly
    // later than step k-1 and at most the window (windowDays x 24 h: absolute hours, whatever DST does;
    // end inclusive) after the entry. A user counts once, at the furthest step of any entry. A user's
    // events at one instant are one row, so "strictly later" never pairs events of the same instant.
    sql: `WITH moments AS (
  SELECT user_id, occurred_at AS t, bool_or(event_type = $5) AS s1, bool_or(event_type = $6) AS s2, bool_or(event_type = $7) AS s3
  FROM events
  WHERE event_type IN ($5, $6, $7)
    AND occurred_at >= ($2::date::timestamp AT TIME ZONE $1::text)
    AND occurred_at < (($3::date + 1)::timestamp AT TIME ZONE $1::text) + make_interval(hours => $4::int)
  GROUP BY user_id, occurred_at
),
nexts AS (
  SELECT user_id, t, s1, min(t) FILTER (WHERE s2) OVER later AS next2, min(t) FILTER (WHERE s3) OVER later AS next3
  FROM moments
  -- The later rows, as a frame that only grows (newest first, up to the row before): min() has no inverse,
  -- so a frame whose start moves (1 FOLLOWING .. UNBOUNDED FOLLOWING) is recomputed row by row.
  WINDOW later AS (PARTITION BY user_id ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
furthest AS (
  SELECT e.user_id,
    max(CASE WHEN x.next3 <= e.t + make_interval(hours => $4::int) THEN 3
             WHEN e.next2 <= e.t + make_interval(hours => $4::int) THEN 2
             ELSE 1 END) AS step
  FROM nexts AS e
  LEFT JOIN nexts AS x ON x.user_id = e.user_id AND x.t = e.next2
  WHERE e.s1 AND e.t >= ($2::date::timestamp AT TIME ZONE $1::text) AND e.t < (($3::date + 1)::timestamp AT TIME ZONE $1::text)
  GROUP BY e.user_id
)
SELECT s.step, count(f.user_id) AS users
FROM generate_series(1, 3) AS s(step)
LEFT JOIN furthest AS f ON f.step >= s.step
GROUP BY s.step
ORDER BY s.step`,
    params: [ctx.timezone, r.last90Days.from, r.last90Days.to, WINDOW_DAYS * 24, ...FUNNEL_STEPS],
    ordered: true,
    fromPulse: (answer) =>
      rowsOf<FunnelStep>(answer, 'steps').map((s) => ({
        index: s.index, eventType: s.eventType, users: s.users, conversionRate: s.conversionRate, stepConversionRate: s.stepConversionRate,
      })),
    fromSql: (rows) => {
      const users = rows.map((row) => num(row.users) ?? 0);
      return users.map((n, i) => ({
        index: i + 1,
        eventType: FUNNEL_STEPS[i] ?? '',
        users: n,
        conversionRate: rate(n, users[0] ?? 0),
        stepConversionRate: rate(n, users[i - 1] ?? n),
      }));
    },
  };
}
