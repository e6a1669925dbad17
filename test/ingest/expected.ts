import { sql, type Kysely } from 'kysely';
import type { WarehouseTables } from '../../src/db';

/** What a clean load of test/ingest/fixtures/good must report, file by file (now = 2026-06-01). */
export const EXPECTED = {
  plans: { read: 12, loaded: 3, duplicates: 1, rejected: { MISSING_REQUIRED: 1, NEGATIVE_PRICE: 1, BAD_NUMBER: 1, NUMBER_OUT_OF_RANGE: 1, BAD_ID: 1, KEY_CONFLICT: 1, WRONG_COLUMN_COUNT: 1, FIELD_TOO_LONG: 1 } },
  users: {
    read: 15, loaded: 4, duplicates: 0,
    rejected: { UNKNOWN_PLAN: 1, BAD_TIMESTAMP: 2, TIMESTAMP_IN_FUTURE: 1, TIMESTAMP_OUT_OF_RANGE: 1, UNKNOWN_FIELD: 1, BAD_JSON_LINE: 1, LINE_NOT_OBJECT: 1, WRONG_TYPE: 1, KEY_CONFLICT: 1, MISSING_REQUIRED: 1 },
  },
  events: {
    read: 14, loaded: 4, duplicates: 0,
    rejected: { UNKNOWN_USER: 1, EVENT_BEFORE_SIGNUP: 1, VALUE_NOT_ACCEPTED: 1, PROPERTIES_NOT_OBJECT: 2, BAD_TIMESTAMP: 1, MISSING_REQUIRED: 1, KEY_CONFLICT: 1, WRONG_COLUMN_COUNT: 1, MALFORMED_CSV: 1 },
  },
  churn: { read: 6, loaded: 3, duplicates: 0, rejected: { UNKNOWN_USER: 1, CHURN_BEFORE_SIGNUP: 1, KEY_CONFLICT: 1 } },
};

/** [file, line, code] of every reject a clean load keeps. */
export const EXPECTED_REJECTS: [string, number, string][] = [
  ...([[5, 'MISSING_REQUIRED'], [6, 'NEGATIVE_PRICE'], [7, 'BAD_NUMBER'], [8, 'NUMBER_OUT_OF_RANGE'], [9, 'BAD_ID'], [10, 'KEY_CONFLICT'],
    [11, 'WRONG_COLUMN_COUNT'], [12, 'FIELD_TOO_LONG']] as const).map(([l, c]): [string, number, string] => ['plans.csv', l, c]),
  ...([[4, 'UNKNOWN_PLAN'], [5, 'BAD_TIMESTAMP'], [6, 'TIMESTAMP_IN_FUTURE'], [7, 'TIMESTAMP_OUT_OF_RANGE'], [8, 'UNKNOWN_FIELD'], [9, 'BAD_JSON_LINE'],
    [10, 'LINE_NOT_OBJECT'], [11, 'WRONG_TYPE'], [12, 'KEY_CONFLICT'], [13, 'MISSING_REQUIRED'], [16, 'BAD_TIMESTAMP']] as const).map(([l, c]): [string, number, string] => ['users.ndjson', l, c]),
  ...([[5, 'UNKNOWN_USER'], [6, 'EVENT_BEFORE_SIGNUP'], [7, 'VALUE_NOT_ACCEPTED'], [8, 'PROPERTIES_NOT_OBJECT'], [9, 'PROPERTIES_NOT_OBJECT'], [10, 'BAD_TIMESTAMP'],
    [11, 'MISSING_REQUIRED'], [12, 'KEY_CONFLICT'], [13, 'WRONG_COLUMN_COUNT'], [16, 'MALFORMED_CSV']] as const).map(([l, c]): [string, number, string] => ['events.csv', l, c]),
  ...([[5, 'UNKNOWN_USER'], [6, 'CHURN_BEFORE_SIGNUP'], [7, 'KEY_CONFLICT']] as const).map(([l, c]): [string, number, string] => ['churn.csv', l, c]),
];

/** md5 per table over every column in key order, plus the rejects; epochs keep it TimeZone-proof. */
export async function checksums(db: Kysely<WarehouseTables>): Promise<Record<string, string>> {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT md5(string_agg(concat_ws('|', plan_id, name, quote_nullable(tier), quote_nullable(monthly_price)), E'\n' ORDER BY plan_id)) FROM plans) AS plans,
      (SELECT md5(string_agg(concat_ws('|', user_id, extract(epoch FROM signup_at), quote_nullable(country), quote_nullable(region),
        quote_nullable(city), quote_nullable(acquisition_source), quote_nullable(plan_id)), E'\n' ORDER BY user_id)) FROM users) AS users,
      (SELECT md5(string_agg(concat_ws('|', event_id, user_id, extract(epoch FROM occurred_at), event_type, quote_nullable(feature),
        quote_nullable(category), quote_nullable(platform), quote_nullable(session_id), quote_nullable(properties::text)), E'\n' ORDER BY event_id)) FROM events) AS events,
      (SELECT md5(string_agg(concat_ws('|', user_id, extract(epoch FROM churned_at), quote_nullable(reason)), E'\n' ORDER BY user_id, churned_at)) FROM churn) AS churn,
      (SELECT md5(string_agg(concat_ws('|', source, line, kind, code, message, raw), E'\n' ORDER BY source, line)) FROM rejects) AS rejects`.execute(db);
  if (!rows[0]) throw new Error('no checksum row');
  return rows[0];
}

