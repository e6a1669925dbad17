import { sql, type Kysely } from 'kysely';
import type { Catalog } from '../../src/catalog/types';
import type { WarehouseTables } from '../../src/db';
import { shippedCatalog } from '../support/shipped';

/** metrics/ as shipped, plus `extra` as one more file. */
export function catalogWith(extra: string): Catalog {
  return shippedCatalog([{ path: 'metrics/zz-extra.yml', text: extra }]);
}

/**
 * A table without constraints, so not_null and unique can fail (the warehouse's
 * primary keys and NOT NULL columns never let them); relationships can fail on
 * both (the warehouse has no foreign keys: see run.test.ts).
 */
export const LOOSE_YAML = `
models:
  - name: loose
    table: dq_loose
    primary_key: id
    columns: { id: string, user_id: string, score: number }
data_tests:
  - { test: not_null, model: loose, column: user_id }
  - { test: unique, model: loose, column: id }
  - { test: relationships, model: loose, column: user_id, to: users }
  - { name: scores_known, test: accepted_values, model: loose, column: score, values: [1, 2], severity: warn }
  - name: broken_rule
    sql: SELECT id FROM no_such_table
`;

export async function loadLoose(db: Kysely<WarehouseTables>): Promise<void> {
  await sql`CREATE TABLE dq_loose (id text, user_id text, score numeric)`.execute(db);
  await sql`INSERT INTO dq_loose VALUES ('a', 'u1', 1), ('a', 'u2', 2), ('b', NULL, 1), ('c', 'ghost', 3), ('d', 'ghost', NULL)`.execute(db);
}

/**
 * Rows that break the business rules of metrics/quality.yml, allowed by the
 * warehouse's constraints. u5 signed up 2026-02-10.
 */
export async function breakRules(db: Kysely<WarehouseTables>): Promise<void> {
  const event = (event_id: string, user_id: string, occurred_at: string, platform: string) => ({
    event_id, user_id, occurred_at, event_type: 'login', platform, feature: null, category: null, session_id: null, properties: '{}',
  });
  await db
    .insertInto('events')
    .values([
      event('x1', 'u5', '2026-02-01T00:00:00Z', 'web'),
      event('x2', 'u5', '2026-02-09T23:00:00Z', 'tv'),
      event('x3', 'u1', '2099-01-01T00:00:00Z', 'ios'),
    ])
    .execute();
  await db.insertInto('churn').values({ user_id: 'u5', churned_at: '2026-02-01T00:00:00Z', reason: 'early' }).execute();
  await db.insertInto('plans').values({ plan_id: 'p_neg', name: 'Broken', tier: null, monthly_price: -5 }).execute();
  await db.insertInto('users').values({
    user_id: 'u9', signup_at: '2099-01-01T00:00:00Z', country: null, region: null, city: null, acquisition_source: null, plan_id: null,
  }).execute();
}
