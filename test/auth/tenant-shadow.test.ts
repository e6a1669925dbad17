import type { CompiledQuery } from 'kysely';
import { martsForTenant, TenantShadow } from '../../src/execution';
import { ExecutionError } from '../../src/util/errors';
import { realCatalog } from '../support/api';

// The statement-level seam: CTEs named like the tables shadow them with the tenant's rows; the tenant is a bound parameter.
const compiled = (sql: string, parameters: unknown[] = []): CompiledQuery => ({ sql, parameters, query: { kind: 'RawNode' } } as unknown as CompiledQuery);

test('shadows users by tenant_id and every table with a user key by the tenant users; plans stay shared', async () => {
  const shadow = new TenantShadow(await realCatalog());
  expect([...shadow.tenantTables].sort()).toEqual(['churn', 'events', 'users']);
  const out = shadow.apply(compiled('SELECT count(*) FROM "events" AS e WHERE e.occurred_at >= $1', ['2026-01-01']), 't1');
  expect(out.parameters).toEqual(['2026-01-01', 't1']);
  expect(out.sql).toContain('"users" AS NOT MATERIALIZED (SELECT * FROM public."users" WHERE "tenant_id" = $2)');
  expect(out.sql).toContain('"events" AS NOT MATERIALIZED (SELECT * FROM public."events" WHERE "user_id" IN (SELECT "user_id" FROM public."users" WHERE "tenant_id" = $2))');
  expect(out.sql).not.toContain('"plans" AS');
  expect(out.sql.endsWith('\nSELECT count(*) FROM "events" AS e WHERE e.occurred_at >= $1')).toBe(true);
});

test('joins a statement of its own WITH (RECURSIVE) list; refuses one that reads a mart', async () => {
  const shadow = new TenantShadow(await realCatalog());
  const recursive = shadow.apply(compiled('WITH RECURSIVE s AS (SELECT 1) SELECT * FROM s'), 't1');
  expect(recursive.sql).toMatch(/^WITH RECURSIVE "users" AS NOT MATERIALIZED/);
  expect(recursive.sql).toMatch(/,\ns AS \(SELECT 1\) SELECT \* FROM s$/);
  expect(shadow.apply(compiled('with b AS (SELECT 1) SELECT * FROM b'), 't1').sql).toMatch(/^WITH "users"[^]*,\nb AS \(SELECT 1\) SELECT \* FROM b$/);
  expect(() => shadow.apply(compiled('SELECT * FROM "mart_weekly_lifecycle"'), 't1')).toThrow(
    new ExecutionError('WAREHOUSE_ERROR', 'a tenant-scoped statement reads "mart_weekly_lifecycle", which sums every tenant\'s users: refused'),
  );
});

test('a per-user mart is shadowed by its users, a rollup or churn mart by its tenant column, when the statement reads it; a tenant compiles with those marts alone', async () => {
  const catalog = await realCatalog();
  const shadow = new TenantShadow(catalog);
  const out = shadow.apply(compiled('SELECT count(DISTINCT a.user_id) FROM "mart_user_day" AS a WHERE a.tz = $1', ['UTC']), 't2');
  expect(out.sql).toContain('"mart_user_day" AS NOT MATERIALIZED (SELECT * FROM public."mart_user_day" WHERE "user_id" IN (SELECT "user_id" FROM public."users" WHERE "tenant_id" = $2))');
  expect(out.sql).not.toContain('"mart_user_week"');
  expect(out.parameters).toEqual(['UTC', 't2']);
  const keyed = shadow.apply(compiled('SELECT sum(r.users) FROM "mart_daily" AS r JOIN "mart_weekly_churn" AS c ON true'), 't2');
  expect(keyed.sql).toContain('"mart_daily" AS NOT MATERIALIZED (SELECT * FROM public."mart_daily" WHERE "d_tenant" = $1)');
  expect(keyed.sql).toContain('"mart_weekly_churn" AS NOT MATERIALIZED (SELECT * FROM public."mart_weekly_churn" WHERE "d_tenant" = $1)');
  const status = { hash: 'h', dataVersion: '1', rows: 1, maxTime: null };
  const state = { enabled: true, dataVersion: '1', marts: new Map([...catalog.marts.keys()].map((name) => [name, status])) };
  expect([...martsForTenant(catalog, state).marts.keys()].sort()).toEqual([
    'daily', 'daily_by_country', 'daily_by_user_group', 'daily_churn', 'monthly_by_user_group', 'monthly_churn',
    'sessions', 'user_day', 'user_month', 'user_totals', 'user_week', 'weekly_by_user_group', 'weekly_churn',
  ]);
});
