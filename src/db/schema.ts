import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The warehouse tables of SPEC §1, as Kysely sees them. */
export interface WarehouseTables {
  plans: { plan_id: string; name: string; tier: string | null; monthly_price: string | number | null };
  users: {
    user_id: string;
    signup_at: Timestamp;
    country: string | null;
    region: string | null;
    city: string | null;
    acquisition_source: string | null;
    plan_id: string | null;
    /** SPEC §11: the user's tenant; their events and churn records are the tenant's too. */
    tenant_id: string | null;
  };
  events: {
    event_id: string;
    user_id: string;
    occurred_at: Timestamp;
    event_type: string;
    feature: string | null;
    category: string | null;
    platform: string | null;
    session_id: string | null;
    properties: unknown;
  };
  churn: { user_id: string; churned_at: Timestamp; reason: string | null };
  pulse_meta: { key: string; value: string };
  /** API keys (migrations/0007_api_keys.ts): a salted hash of each secret, never the secret. */
  pulse_api_keys: {
    id: string;
    name: string;
    role: string;
    tenant_id: string | null;
    salt: string;
    hash: string;
    created_at: Timestamp;
    last_used_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  /** Rows `pulse ingest` refused (migrations/0002_ingest.ts). */
  rejects: { source: string; line: number; kind: string; code: string; message: string; raw: string; rejected_at: Generated<Timestamp> };
  /** `pulse check` results (migrations/0003_data_quality.ts). */
  data_test_results: {
    run_id: string;
    name: string;
    kind: string;
    model: string | null;
    column_name: string | null;
    severity: string;
    status: string;
    failures: ColumnType<number | string | bigint | null, number | null, number | null>;
    sample: ColumnType<unknown, string, string>;
    message: string | null;
    duration_ms: number;
    checked_at: Timestamp;
  };
  /** What each mart was built from and for (migrations/0005_marts.ts). */
  pulse_marts: {
    name: string;
    hash: string;
    data_version: string;
    rows: ColumnType<number | string | bigint, number, number>;
    max_time: ColumnType<Date | null, Date | string | null, Date | string | null>;
    refreshed_at: Timestamp;
  };
  kysely_migration: { name: string; timestamp: Generated<string> };
}
