import { encodeCursor } from './cursor';
import { dimensionColumn, type CompiledUserList } from './compile-users';
import { USER_STATUSES, type UserStatus } from './query';

type Row = Readonly<Record<string, unknown>>;

/** One user as of asOf; instants are Dates, dimension values by snake_case name. */
export interface UserRecord {
  readonly userId: string;
  readonly signupAt: Date;
  readonly plan: string | null;
  readonly dimensions: Readonly<Record<string, string | null>>;
  readonly totalEvents: number;
  readonly lastActiveAt: Date | null;
  readonly daysSinceSignup: number;
  readonly daysSinceLastActive: number | null;
  readonly status: UserStatus;
}

export interface UserPage {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: UserRecord }>;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** The rows of a compiled user list as a page: drops the look-ahead row and makes each edge's cursor. */
export function userListPage(compiled: CompiledUserList, rows: readonly Row[]): UserPage {
  const users = rows.filter((row) => row.user_id !== null && row.user_id !== undefined);
  const edges = users.slice(0, compiled.first).map((row) => {
    const node = toUser(compiled, row);
    const key = row.cursor_key === null || row.cursor_key === undefined ? null : String(row.cursor_key);
    return { cursor: encodeCursor(compiled.order, { key, userId: node.userId }), node };
  });
  return { edges, hasNextPage: users.length > compiled.first, totalCount: Number(rows[0]?.total_count ?? 0) };
}

function toUser(compiled: CompiledUserList, row: Row): UserRecord {
  const dimensions: Record<string, string | null> = {};
  for (const name of compiled.dimensions) dimensions[name] = text(row[dimensionColumn(name)]);
  const status = String(row.status);
  if (!(USER_STATUSES as readonly string[]).includes(status)) throw new Error(`Unexpected user status ${status}`);
  return {
    userId: String(row.user_id),
    signupAt: instant(row.signup_at) ?? new Date(NaN),
    plan: compiled.planDimension === null ? null : (dimensions[compiled.planDimension] ?? null),
    dimensions,
    totalEvents: Number(row.total_events),
    lastActiveAt: instant(row.last_active_at),
    daysSinceSignup: Number(row.days_since_signup),
    daysSinceLastActive: row.days_since_last_active === null ? null : Number(row.days_since_last_active),
    status: status as UserStatus,
  };
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
