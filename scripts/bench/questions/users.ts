import { instant, num, rowsOf, text } from './canonical';
import type { Ranges } from './ranges';
import type { CanonicalRow, Question, QuestionContext } from './types';

/** (i) The first page of the users drill-down, default order (newest signup first), as of the end of the data. */

const FIRST = 50;
const INACTIVE_AFTER_DAYS = 30;

interface UserPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
  edges: { node: Record<string, unknown> }[];
}

const USER = {
  userId: text, signupAt: instant, country: text, region: text, city: text, acquisitionSource: text, plan: text,
  totalEvents: num, lastActiveAt: instant, daysSinceSignup: num, daysSinceLastActive: num, status: text,
} as const;

function userRow(node: Readonly<Record<string, unknown>>): CanonicalRow {
  return Object.fromEntries(Object.entries(USER).map(([name, to]) => [name, to(node[name])]));
}

/** The page as rows: a first row with the totals, then one per user in page order. */
function pageRows(totalCount: unknown, hasNextPage: boolean, nodes: readonly Readonly<Record<string, unknown>>[]): CanonicalRow[] {
  return [{ totalCount: num(totalCount), hasNextPage }, ...nodes.map(userRow)];
}

export function usersPage(ctx: QuestionContext, r: Ranges): Question {
  return {
    id: 'i',
    title: `users page (first ${FIRST}, default order)`,
    document: `query ($asOf: DateTime, $tz: String) {
  answer: users(asOf: $asOf, first: ${FIRST}, timezone: $tz) {
    totalCount
    pageInfo { hasNextPage }
    edges { node { ${Object.keys(USER).join(' ')} } }
    meta { cached source }
  }
}`,
    variables: { asOf: r.asOf, tz: ctx.timezone },
    // Signups up to asOf, newest first, ties by user id in byte order; each listed user's events up to
    // asOf. Days are whole 24-hour periods before asOf; ACTIVE when the last event is less than 30 days old.
    sql: `WITH page AS (
  SELECT u.user_id, u.signup_at, u.country, u.region, u.city, u.acquisition_source, p.name AS plan
  FROM users AS u
  LEFT JOIN plans AS p ON p.plan_id = u.plan_id
  WHERE u.signup_at <= $1::timestamptz
  ORDER BY u.signup_at DESC, u.user_id COLLATE "C"
  LIMIT $2::int + 1
)
SELECT (SELECT count(*) FROM users WHERE signup_at <= $1::timestamptz) AS total_count,
  page.user_id AS "userId", page.signup_at AS "signupAt", page.country, page.region, page.city,
  page.acquisition_source AS "acquisitionSource", page.plan,
  a.total_events AS "totalEvents", a.last_active_at AS "lastActiveAt",
  floor((extract(epoch FROM $1::timestamptz) - extract(epoch FROM page.signup_at)) / 86400)::int AS "daysSinceSignup",
  floor((extract(epoch FROM $1::timestamptz) - extract(epoch FROM a.last_active_at)) / 86400)::int AS "daysSinceLastActive",
  CASE WHEN a.last_active_at IS NULL THEN 'NEVER_ACTIVE'
       WHEN floor((extract(epoch FROM $1::timestamptz) - extract(epoch FROM a.last_active_at)) / 86400) < $3::int THEN 'ACTIVE'
       ELSE 'INACTIVE' END AS status
FROM page
CROSS JOIN LATERAL (
  SELECT count(*) AS total_events, max(e.occurred_at) AS last_active_at
  FROM events AS e
  WHERE e.user_id = page.user_id AND e.occurred_at <= $1::timestamptz
) AS a
ORDER BY page.signup_at DESC, page.user_id COLLATE "C"`,
    params: [r.asOf, FIRST, INACTIVE_AFTER_DAYS],
    ordered: true,
    fromPulse: (answer) => {
      const page = answer as UserPage;
      return pageRows(page.totalCount, page.pageInfo.hasNextPage, rowsOf<{ node: Record<string, unknown> }>(answer, 'edges').map((e) => e.node));
    },
    // An empty page means no user signed up by asOf, so the total is 0.
    fromSql: (rows) => pageRows(rows[0]?.total_count ?? 0, rows.length > FIRST, rows.slice(0, FIRST)),
  };
}
