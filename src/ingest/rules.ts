/**
 * Every reason a row can be rejected. Codes are stable and never reused: they are
 * stored in the rejects table and counted in every load summary.
 */
export const REJECT_RULES = {
  MALFORMED_CSV: 'the CSV record cannot be parsed (e.g. an unclosed quote)',
  WRONG_COLUMN_COUNT: 'the CSV record has more or fewer fields than the header',
  BAD_JSON_LINE: 'the NDJSON line is not valid JSON',
  LINE_NOT_OBJECT: 'the NDJSON line is JSON but not an object',
  UNKNOWN_FIELD: 'the NDJSON object has a key that is not a column of this kind',
  WRONG_TYPE: 'a value is not a string or number (an object, array or boolean where text is expected)',
  MISSING_REQUIRED: 'a required column is empty or absent',
  BAD_ID: 'an id has leading/trailing whitespace or control characters',
  FIELD_TOO_LONG: 'a text value is longer than 255 characters (properties: 64 KiB)',
  BAD_TIMESTAMP: 'a timestamp is not ISO-8601 or not a real date/time',
  TIMESTAMP_IN_FUTURE: 'a timestamp is later than the time of the load',
  TIMESTAMP_OUT_OF_RANGE: 'a timestamp is before 1970-01-01',
  BAD_NUMBER: 'monthly_price is not a decimal number',
  NEGATIVE_PRICE: 'monthly_price is negative',
  NUMBER_OUT_OF_RANGE: 'monthly_price does not fit numeric(12,2)',
  PROPERTIES_NOT_OBJECT: 'properties is not a JSON object',
  VALUE_NOT_ACCEPTED: 'platform is not one of web, ios, android',
  BAD_TEXT: 'a text value holds a NUL character or an unpaired UTF-16 surrogate, which PostgreSQL cannot store',
  KEY_CONFLICT: 'the key is already loaded (by an earlier line or an earlier load) with other values: the loaded row is kept (an exact copy is a duplicate, not a reject)',
  UNKNOWN_PLAN: 'users.plan_id names no loaded plan',
  UNKNOWN_USER: 'the user_id names no loaded user',
  EVENT_BEFORE_SIGNUP: "occurred_at is before the user's signup_at",
  CHURN_BEFORE_SIGNUP: "churned_at is before the user's signup_at",
} as const;

export type RejectCode = keyof typeof REJECT_RULES;

/** Why a row fails a rule. */
export interface Failure {
  readonly code: RejectCode;
  readonly message: string;
}

export interface Reject {
  readonly line: number;
  readonly code: RejectCode;
  readonly message: string;
  readonly raw: string;
}
