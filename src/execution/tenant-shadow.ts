import type { CompiledQuery } from 'kysely';
import type { Catalog } from '../catalog/types';
import { ExecutionError } from '../util/errors';

/** The users column that holds a user's tenant (SPEC §11). */
export const TENANT_COLUMN = 'tenant_id';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Row-level security at the one place every statement passes through
 * (Executor.run): for a tenant's principal the statement gets CTEs named like
 * the tables it reads, each holding only the tenant's rows, so `FROM "events"`
 * in any compiler reads the tenant's events. users are filtered by
 * tenant_id; every other model with a user_key by its users; models without
 * one (plans) are shared. The tenant is a bound parameter, so it is part of
 * every cache key, and the CTEs are NOT MATERIALIZED, so PostgreSQL plans
 * them into the statement. Marts hold every tenant's rows: a tenant's
 * statements are compiled without them, and one that names a mart is refused.
 */
export class TenantShadow {
  private readonly shadows: ReadonlyArray<(param: string) => string>;

  constructor(catalog: Catalog) {
    const users = [...catalog.models.values()].find((m) => m.columns.has(TENANT_COLUMN) && m.userKey === m.primaryKey);
    const shadows = new Map<string, (param: string) => string>();
    if (users) {
      const real = `public.${quote(users.table)}`;
      const members = (param: string) => `SELECT ${quote(users.primaryKey)} FROM ${real} WHERE ${quote(TENANT_COLUMN)} = ${param}`;
      shadows.set(users.table, (param) => `${quote(users.table)} AS NOT MATERIALIZED (SELECT * FROM ${real} WHERE ${quote(TENANT_COLUMN)} = ${param})`);
      for (const m of catalog.models.values()) {
        if (m.userKey === null || shadows.has(m.table)) continue;
        shadows.set(m.table, (param) => `${quote(m.table)} AS NOT MATERIALIZED (SELECT * FROM public.${quote(m.table)} WHERE ${quote(m.userKey ?? '')} IN (${members(param)}))`);
      }
    }
    this.tenantTables = users ? [...shadows.keys()] : [];
    this.shadows = [...shadows.values()];
  }

  /** The tables a tenant's statement sees filtered (empty when the catalog's users have no tenant column). */
  readonly tenantTables: readonly string[];

  /** `query` as `tenant` sees it. */
  apply(query: CompiledQuery, tenant: string): CompiledQuery {
    if (this.shadows.length === 0) throw new ExecutionError('WAREHOUSE_ERROR', `the catalog's users model has no ${TENANT_COLUMN} column: tenant-scoped access needs one`);
    if (/"mart_/.test(query.sql)) throw new ExecutionError('WAREHOUSE_ERROR', 'a tenant-scoped statement reads a mart, which holds every tenant: refused');
    const param = `$${query.parameters.length + 1}`;
    const ctes = this.shadows.map((shadow) => shadow(param)).join(',\n');
    const withClause = /^\s*WITH\s+(RECURSIVE\s+)?/i.exec(query.sql);
    const sql = withClause
      ? `WITH ${withClause[1] ?? ''}${ctes},\n${query.sql.slice(withClause[0].length)}`
      : `WITH ${ctes}\n${query.sql}`;
    return { ...query, sql, parameters: [...query.parameters, tenant] };
  }
}
