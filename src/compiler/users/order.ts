import { sql, type RawBuilder } from 'kysely';
import type { CursorPosition, KeyType } from './cursor';
import type { UserOrder, UserOrderField } from './query';

/**
 * Sort keys over the columns of the `listed` CTE. Timestamps sort as
 * themselves (so an index on the column can give the order) and travel in a
 * cursor as epoch microseconds, their full precision (a JS Date has only ms).
 */
const FIELD_KEYS: Record<UserOrderField, SortKey> = {
  signup_at: { expr: sql`signup_at`, type: 'instant', neverNull: true },
  last_active_at: { expr: sql`last_active_at`, type: 'instant', neverNull: false },
  total_events: { expr: sql`total_events`, type: 'int', neverNull: true },
  days_since_signup: { expr: sql`days_since_signup`, type: 'int', neverNull: true },
  days_since_last_active: { expr: sql`days_since_last_active`, type: 'int', neverNull: false },
  user_id: { expr: sql`user_id`, type: 'text', neverNull: true },
};

export interface SortKey {
  /** The key's value over `listed`; null for users without one (never active). */
  readonly expr: RawBuilder<unknown>;
  readonly type: KeyType;
  /** Every listed user has a value: the order needs no NULLS LAST (which would keep PostgreSQL from reading it off an index). */
  readonly neverNull: boolean;
}

export function sortKeyOf(field: string, dimensionColumn: (name: string) => string): SortKey {
  const fixed = (FIELD_KEYS as Record<string, SortKey | undefined>)[field];
  return fixed ?? { expr: sql.id(dimensionColumn(field)), type: 'text', neverNull: false };
}

/** Text compares byte-wise ("C") so the order is the same on every server and matches the keyset predicate. */
function collated(expr: RawBuilder<unknown>, type: KeyType): RawBuilder<unknown> {
  return type === 'text' ? sql`${expr} COLLATE "C"` : expr;
}

function bound(value: string, type: KeyType): RawBuilder<unknown> {
  if (type === 'text') return sql`${value}::text COLLATE "C"`;
  if (type === 'instant') return sql`(timestamptz 'epoch' + ${value}::bigint * interval '1 microsecond')`;
  return sql`${value}::${sql.raw(type)}`;
}

/** The sort key as a cursor carries it: text, instants as epoch microseconds. */
export function cursorKeySql(key: RawBuilder<unknown>, type: KeyType): RawBuilder<unknown> {
  return type === 'instant' ? sql`(extract(epoch FROM ${key}) * 1000000)::bigint::text` : sql`${key}::text`;
}

const USER_ID = sql`user_id COLLATE "C"`;

/** ORDER BY: the key in the requested direction with nulls last, then user_id ascending (unique, so ties are stable). */
export function orderSql(key: RawBuilder<unknown>, sortKey: SortKey, order: UserOrder): RawBuilder<unknown> {
  const direction = sql.raw(`${order.direction === 'DESC' ? 'DESC' : 'ASC'}${sortKey.neverNull ? '' : ' NULLS LAST'}`);
  return sql`${collated(key, sortKey.type)} ${direction}, ${USER_ID} ASC`;
}

/**
 * Rows strictly after `position` in orderSql's order (keyset pagination):
 * a later key, the same key and a later user id, or a null key (nulls come last);
 * after a null key, only later user ids among the nulls.
 */
export function afterSql(key: RawBuilder<unknown>, type: KeyType, order: UserOrder, position: CursorPosition): RawBuilder<boolean> {
  const id = sql`${position.userId}::text COLLATE "C"`;
  if (position.key === null) return sql<boolean>`(${key} IS NULL AND ${USER_ID} > ${id})`;
  const k = collated(key, type);
  const v = bound(position.key, type);
  const beyond = order.direction === 'DESC' ? sql`${k} < ${v}` : sql`${k} > ${v}`;
  return sql<boolean>`(${beyond} OR (${k} = ${v} AND ${USER_ID} > ${id}) OR ${key} IS NULL)`;
}
