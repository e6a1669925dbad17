import { QueryError } from '../../util/errors';
import { enumName } from '../../util/names';
import type { UserOrder } from './query';

/** How a sort key is compared in SQL; the cursor carries it as text. */
export type KeyType = 'instant' | 'int' | 'text';

/** The position of a row in one ordering: its sort key (null sorts last) and its user id (the tie-breaker). */
export interface CursorPosition {
  readonly key: string | null;
  readonly userId: string;
}

/**
 * Cursors are opaque to clients: base64url of JSON [field, direction, key, userId].
 * The ordering is inside so a cursor from another ordering is refused instead of
 * silently skipping rows.
 */
export function encodeCursor(order: UserOrder, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([order.field, order.direction, position.key, position.userId]), 'utf8').toString('base64url');
}

const INTEGER = /^-?\d{1,18}$/;

export function decodeCursor(after: string, order: UserOrder, keyType: KeyType): CursorPosition {
  const malformed = (): never => {
    throw new QueryError('after', 'is not a cursor returned by this field; pass an edge cursor or pageInfo.endCursor unchanged.');
  };
  if (!/^[A-Za-z0-9_-]+$/.test(after) || after.length > 4096) return malformed();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    return malformed();
  }
  if (!Array.isArray(decoded) || decoded.length !== 4) return malformed();
  const [field, direction, key, userId] = decoded as unknown[];
  if (typeof field !== 'string' || typeof direction !== 'string' || typeof userId !== 'string') return malformed();
  if (!(key === null || typeof key === 'string')) return malformed();
  if (field !== order.field || direction !== order.direction) {
    throw new QueryError('after', `the cursor belongs to orderBy ${enumName(field)} ${direction}, not ${enumName(order.field)} ${order.direction}; start again without after.`);
  }
  // A key the SQL cast would reject must fail here, as bad input, not in the warehouse.
  if (key !== null && keyType !== 'text' && !INTEGER.test(key)) return malformed();
  return { key, userId };
}
