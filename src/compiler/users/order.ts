import { sql, type RawBuilder } from 'kysely';
import type { CursorPosition, KeyType } from './cursor';
import type { UserOrder, UserOrderField } from './query';

/**
 * Sort keys over the columns of the `listed` CTE. Timestamps sort as epoch
 * microseconds so a cursor keeps their full precision (a JS Date has only ms).
 */
const FIELD_KEYS: Record<UserOrderField, { expr: RawBuilder<unknown>; type: KeyType }> = {
  signup_at: { expr: sql`(extract(epoch FROM signup_at) * 1000000)::bigint`, type: 'bigint' },
  last_active_at: { expr: sql`(extract(epoch FROM last_active_at) * 1000000)::bigint`, type: 'bigint' },
  total_events: { expr: sql`total_events`, type: 'int' },
  days_since_signup: { expr: sql`days_since_signup`, type: 'int' },
  days_since_last_active: { expr: sql`days_since_last_active`, type: 'int' },
  user_id: { expr: sql`user_id`, type: 'text' },
};

export interface SortKey {
  /** The key's value over `listed`; null for users without one (never active). */
  readonly expr: RawBuilder<unknown>;
  readonly type: KeyType;
}

export function sortKeyOf(field: string, dimensionColumn: (name: string) => string): SortKey {
  const fixed = (FIELD_KEYS as Record<string, SortKey | undefined>)[field];
  return fixed ?? { expr: sql.id(dimensionColumn(field)), type: 'text' };
}

/** Text compares byte-wise ("C") so the order is the same on every server and matches the keyset predicate. */
function collated(expr: RawBuilder<unknown>, type: KeyType): RawBuilder<unknown> {
  return type === 'text' ? sql`${expr} COLLATE "C"` : expr;
}

function bound(value: string, type: KeyType): RawBuilder<unknown> {
  return type === 'text' ? sql`${value}::text COLLATE "C"` : sql`${value}::${sql.raw(type)}`;
}

const USER_ID = sql`user_id COLLATE "C"`;

/** ORDER BY: the key in the requested direction with nulls last, then user_id ascending (unique, so ties are stable). */
export function orderSql(key: RawBuilder<unknown>, type: KeyType, order: UserOrder): RawBuilder<unknown> {
  const direction = sql.raw(order.direction === 'DESC' ? 'DESC' : 'ASC');
  return sql`${collated(key, type)} ${direction} NULLS LAST, ${USER_ID} ASC`;
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
