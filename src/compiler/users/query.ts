import type { FilterNode } from '../../catalog/types';

export const USER_STATUSES = ['ACTIVE', 'INACTIVE', 'NEVER_ACTIVE'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Computed fields a user list can be ordered by; any dimension reachable from the users model can be too. */
export const USER_ORDER_FIELDS = ['signup_at', 'last_active_at', 'total_events', 'days_since_signup', 'days_since_last_active', 'user_id'] as const;
export type UserOrderField = (typeof USER_ORDER_FIELDS)[number];

export interface UserOrder {
  /** A USER_ORDER_FIELDS entry or the snake_case name of a dimension reachable from the users model. */
  readonly field: string;
  readonly direction: 'ASC' | 'DESC';
}

/** A users drill-down request (SPEC §8) after argument parsing, in catalog names. */
export interface UserListQuery {
  /** The instant the list describes: later signups and events do not exist. The caller passes "now" by default. */
  readonly asOf: Date;
  /** null: the analysis default. */
  readonly inactiveAfterDays: number | null;
  readonly status: UserStatus | null;
  readonly where: FilterNode | null;
  /** null: USER_LIST_LIMITS.defaultFirst. */
  readonly first: number | null;
  /** An opaque cursor from a previous page's edge, or null for the first page. */
  readonly after: string | null;
  /** null: DEFAULT_USER_ORDER. */
  readonly orderBy: UserOrder | null;
  /** IANA zone: calendar dimensions (signup_month) are read in it; day counts are 24-hour periods regardless. */
  readonly timezone: string;
}

export const DEFAULT_USER_ORDER: UserOrder = Object.freeze({ field: 'signup_at', direction: 'DESC' });

export const USER_LIST_LIMITS = Object.freeze({
  defaultFirst: 50,
  maxFirst: 1000,
  /** A window longer than this (about 100 years) is certainly a mistake. */
  maxInactiveAfterDays: 36_500,
});
