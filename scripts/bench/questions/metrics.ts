import { instant, num, rowsOf, text } from './canonical';
import type { Ranges } from './ranges';
import type { CanonicalRow, Question, QuestionContext } from './types';

/**
 * The `metrics` questions (a-d, g). The hand-written SQL takes the zone as $1
 * and computes every calendar boundary in it: a date d of the range starts at
 * `d::timestamp AT TIME ZONE tz` (an instant), and an event's local day is
 * `(occurred_at AT TIME ZONE tz)::date`, so DST days last 23 or 25 hours and
 * nothing depends on the session's TimeZone. Missing dimension values (no
 * plan, no country) are their own group, hence the LEFT JOINs.
 */

type Converter = (value: unknown) => string | number | null;

/** Rows of a metrics answer and SQL rows with the same column names, converted column by column. */
function metricRows(columns: Readonly<Record<string, Converter>>) {
  const convert = (row: Readonly<Record<string, unknown>>): CanonicalRow =>
    Object.fromEntries(Object.entries(columns).map(([name, to]) => [name, to(row[name])]));
  return {
    fromPulse: (answer: unknown) => rowsOf<Record<string, unknown>>(answer, 'rows').map(convert),
    fromSql: (rows: readonly Record<string, unknown>[]) => rows.map(convert),
  };
}

const RANGE_START = `($2::date::timestamp AT TIME ZONE $1::text)`;
const RANGE_END = `(($3::date + 1)::timestamp AT TIME ZONE $1::text)`;
const DAYS = `generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') AS d(day)`;

function metricsDocument(grain: string, rows: string): string {
  return `query ($range: TimeRange!, $tz: String) {
  answer: metrics(timeRange: $range, grain: ${grain}, timezone: $tz) { rows { ${rows} } meta { cached source } }
}`;
}

export function dauByDay(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'a',
    title: 'DAU by day, 90 days',
    document: metricsDocument('DAY', 'period dau'),
    variables: { range: r.last90Days, tz: ctx.timezone },
    // Every day of the range, 0 when nobody was active.
    sql: `SELECT (d.day AT TIME ZONE $1::text) AS period, coalesce(a.users, 0) AS dau
FROM ${DAYS}
LEFT JOIN (
  SELECT (occurred_at AT TIME ZONE $1::text)::date AS day, count(DISTINCT user_id) AS users
  FROM events
  WHERE occurred_at >= ${RANGE_START} AND occurred_at < ${RANGE_END}
  GROUP BY 1
) AS a ON a.day = d.day::date
ORDER BY d.day`,
    params: [ctx.timezone, r.last90Days.from, r.last90Days.to],
    ordered: true,
    ...metricRows({ period: instant, dau: num }),
  };
}

export function dauByCountry(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'b',
    title: 'DAU by country by day, 90 days',
    document: metricsDocument('DAY', 'period country dau'),
    variables: { range: r.last90Days, tz: ctx.timezone },
    // With a dimension, only the (day, country) groups that have activity.
    sql: `SELECT (a.day::timestamp AT TIME ZONE $1::text) AS period, a.country, a.users AS dau
FROM (
  SELECT (e.occurred_at AT TIME ZONE $1::text)::date AS day, u.country, count(DISTINCT e.user_id) AS users
  FROM events AS e
  LEFT JOIN users AS u ON u.user_id = e.user_id
  WHERE e.occurred_at >= ${RANGE_START} AND e.occurred_at < ${RANGE_END}
  GROUP BY 1, 2
) AS a`,
    params: [ctx.timezone, r.last90Days.from, r.last90Days.to],
    ordered: false,
    ...metricRows({ period: instant, country: text, dau: num }),
  };
}

export function weeklyActiveByPlan(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'c',
    title: 'weekly active users by plan, 26 weeks',
    document: metricsDocument('WEEK', 'period plan activeUsers'),
    variables: { range: r.last26Weeks, tz: ctx.timezone },
    // The range is whole Monday weeks, so no week is clipped; date_trunc('week') is ISO (Monday).
    sql: `SELECT (date_trunc('week', e.occurred_at AT TIME ZONE $1::text) AT TIME ZONE $1::text) AS period,
  p.name AS plan, count(DISTINCT e.user_id) AS "activeUsers"
FROM events AS e
LEFT JOIN users AS u ON u.user_id = e.user_id
LEFT JOIN plans AS p ON p.plan_id = u.plan_id
WHERE e.occurred_at >= ${RANGE_START} AND e.occurred_at < ${RANGE_END}
GROUP BY 1, 2`,
    params: [ctx.timezone, r.last26Weeks.from, r.last26Weeks.to],
    ordered: false,
    ...metricRows({ period: instant, plan: text, activeUsers: num }),
  };
}

export function mauByDay(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'd',
    title: 'MAU by day, 30 days',
    document: metricsDocument('DAY', 'period mau'),
    variables: { range: r.last30Days, tz: ctx.timezone },
    // mau of day D: users active on one of the 30 local days D-29..D. Each active day of a user covers
    // the days up to 29 later, cut short before the user's next active day, so one user's spans never
    // overlap and counting span-days per day counts users.
    sql: `WITH active AS (
  SELECT DISTINCT user_id, (occurred_at AT TIME ZONE $1::text)::date AS day
  FROM events
  WHERE occurred_at >= (($2::date - 29)::timestamp AT TIME ZONE $1::text) AND occurred_at < ${RANGE_END}
),
spans AS (
  SELECT greatest(day, $2::date) AS first_day,
    least(day + 29, lead(day) OVER (PARTITION BY user_id ORDER BY day) - 1, $3::date) AS last_day
  FROM active
),
covered AS (
  SELECT generate_series(first_day::timestamp, last_day::timestamp, interval '1 day')::date AS day
  FROM spans
  WHERE first_day <= last_day
)
SELECT (d.day AT TIME ZONE $1::text) AS period, count(c.day) AS mau
FROM ${DAYS}
LEFT JOIN covered AS c ON c.day = d.day::date
GROUP BY d.day
ORDER BY d.day`,
    params: [ctx.timezone, r.last30Days.from, r.last30Days.to],
    ordered: true,
    ...metricRows({ period: instant, mau: num }),
  };
}

export function churnRateByPlan(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'g',
    title: 'churn rate by plan, monthly, 6 months',
    document: metricsDocument('MONTH', 'period plan churnRate'),
    variables: { range: r.last6Months, tz: ctx.timezone },
    // Months are clipped to the range (the last ends with the data). At risk in a month: signed up before
    // its (clipped) start, and a first churn, if any, not before it; the rate is the share of those whose
    // first churn falls in the month. Only (month, plan) groups with users at risk are rows.
    sql: `WITH months AS (
  SELECT m AT TIME ZONE $1::text AS period,
    greatest(m, $2::date::timestamp) AT TIME ZONE $1::text AS starts,
    least(m + interval '1 month', ($3::date + 1)::timestamp) AT TIME ZONE $1::text AS ends
  FROM generate_series(date_trunc('month', $2::date::timestamp), $3::date::timestamp, interval '1 month') AS m
),
first_churn AS (
  SELECT user_id, min(churned_at) AS churned_at FROM churn GROUP BY user_id
)
SELECT m.period, p.name AS plan,
  count(*) FILTER (WHERE f.churned_at < m.ends)::float8 / count(*) AS "churnRate"
FROM months AS m
JOIN users AS u ON u.signup_at < m.starts
LEFT JOIN first_churn AS f ON f.user_id = u.user_id
LEFT JOIN plans AS p ON p.plan_id = u.plan_id
WHERE f.churned_at IS NULL OR f.churned_at >= m.starts
GROUP BY 1, 2`,
    params: [ctx.timezone, r.last6Months.from, r.last6Months.to],
    ordered: false,
    ...metricRows({ period: instant, plan: text, churnRate: num }),
  };
}
