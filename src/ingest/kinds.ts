/** The four input kinds of SPEC §1: their columns, types and keys, as data. */
export type Kind = 'plans' | 'users' | 'events' | 'churn';
export const KINDS: readonly Kind[] = ['plans', 'users', 'events', 'churn']; // dependency order

export type ColumnType = 'id' | 'text' | 'timestamp' | 'price' | 'json' | 'platform';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly required: boolean;
}

export interface KindSpec {
  readonly columns: readonly ColumnSpec[];
  /** The table key: a row whose key is already loaded is a duplicate. */
  readonly key: readonly string[];
}

/** How a staged text value becomes the warehouse column's type (types not listed stay text). */
export const SQL_CASTS: Partial<Record<ColumnType, string>> = { timestamp: '::timestamptz', price: '::numeric(12, 2)', json: '::jsonb' };

const col = (name: string, type: ColumnType, required = false): ColumnSpec => ({ name, type, required });

export const KIND_SPECS: Readonly<Record<Kind, KindSpec>> = {
  plans: { columns: [col('plan_id', 'id', true), col('name', 'text', true), col('tier', 'text'), col('monthly_price', 'price')], key: ['plan_id'] },
  users: {
    columns: [
      col('user_id', 'id', true), col('signup_at', 'timestamp', true), col('country', 'text'), col('region', 'text'),
      col('city', 'text'), col('acquisition_source', 'text'), col('plan_id', 'id'), col('tenant_id', 'id'),
    ],
    key: ['user_id'],
  },
  events: {
    columns: [
      col('event_id', 'id', true), col('user_id', 'id', true), col('occurred_at', 'timestamp', true), col('event_type', 'text', true),
      col('feature', 'text'), col('category', 'text'), col('platform', 'platform'), col('session_id', 'text'), col('properties', 'json'),
    ],
    key: ['event_id'],
  },
  churn: { columns: [col('user_id', 'id', true), col('churned_at', 'timestamp', true), col('reason', 'text')], key: ['user_id', 'churned_at'] },
};

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}
