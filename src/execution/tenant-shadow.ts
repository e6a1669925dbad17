import type { CompiledQuery } from 'kysely';
import type { Catalog, Mart, SemanticModel } from '../catalog/types';
import { rollupColumn, type MartsState } from '../compiler';
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
 * them into the statement. Marts are partitioned by tenant too: per-user
 * marts (sessions, user activity, user totals) are shadowed like events, by
 * their users; rollups and churn marts keep the `tenant` dimension
 * (users.tenant_id) and are shadowed by its column. A tenant's statements
 * are compiled with those marts only (martsForTenant), and one that names
 * any other mart — a sum over every tenant's users — is refused.
 */
export class TenantShadow {
  private readonly shadows: ReadonlyArray<(param: string) => string>;
  /** Per-user marts' tables, shadowed when a statement reads them (a mart not built yet has no table to name). */
  private readonly martShadows: ReadonlyMap<string, (param: string) => string>;
  /** Quoted names of the marts a tenant may not read. */
  private readonly shared: readonly string[];

  constructor(catalog: Catalog) {
    const users = usersModel(catalog);
    const shadows = new Map<string, (param: string) => string>();
    const martShadows = new Map<string, (param: string) => string>();
    if (users) {
      const real = `public.${quote(users.table)}`;
      const members = (param: string) => `SELECT ${quote(users.primaryKey)} FROM ${real} WHERE ${quote(TENANT_COLUMN)} = ${param}`;
      shadows.set(users.table, (param) => `${quote(users.table)} AS NOT MATERIALIZED (SELECT * FROM ${real} WHERE ${quote(TENANT_COLUMN)} = ${param})`);
      for (const m of catalog.models.values()) {
        if (m.userKey === null || shadows.has(m.table)) continue;
        shadows.set(m.table, (param) => `${quote(m.table)} AS NOT MATERIALIZED (SELECT * FROM public.${quote(m.table)} WHERE ${quote(m.userKey ?? '')} IN (${members(param)}))`);
      }
      for (const mart of catalog.marts.values()) {
        const keyed = tenantKey(catalog, mart, users.name);
        const where = perUser(mart) ? (param: string) => `"user_id" IN (${members(param)})` : keyed === null ? null : (param: string) => `${quote(keyed)} = ${param}`;
        if (where) martShadows.set(quote(mart.table), (param) => `${quote(mart.table)} AS NOT MATERIALIZED (SELECT * FROM public.${quote(mart.table)} WHERE ${where(param)})`);
      }
    }
    this.tenantTables = [...shadows.keys()];
    this.shadows = [...shadows.values()];
    this.martShadows = martShadows;
    this.shared = [...catalog.marts.values()].filter((m) => !martShadows.has(quote(m.table))).map((m) => quote(m.table));
  }

  /** The tables a tenant's statement sees filtered (empty when the catalog's users have no tenant column). */
  readonly tenantTables: readonly string[];

  /** `query` as `tenant` sees it. */
  apply(query: CompiledQuery, tenant: string): CompiledQuery {
    if (this.shadows.length === 0) throw new ExecutionError('WAREHOUSE_ERROR', `the catalog's users model has no ${TENANT_COLUMN} column: tenant-scoped access needs one`);
    const shared = this.shared.find((table) => query.sql.includes(table));
    if (shared) throw new ExecutionError('WAREHOUSE_ERROR', `a tenant-scoped statement reads ${shared}, which sums every tenant's users: refused`);
    const param = `$${query.parameters.length + 1}`;
    const marts = [...this.martShadows].filter(([table]) => query.sql.includes(table)).map(([, shadow]) => shadow);
    const ctes = [...this.shadows, ...marts].map((shadow) => shadow(param)).join(',\n');
    const withClause = /^\s*WITH\s+(RECURSIVE\s+)?/i.exec(query.sql);
    const sql = withClause
      ? `WITH ${withClause[1] ?? ''}${ctes},\n${query.sql.slice(withClause[0].length)}`
      : `WITH ${ctes}\n${query.sql}`;
    return { ...query, sql, parameters: [...query.parameters, tenant] };
  }
}

/** Marts whose rows are each one user's: a tenant reads them through the shadow. */
function perUser(mart: Mart): boolean {
  return mart.kind === 'sessions' || mart.kind === 'user_activity' || mart.kind === 'user_totals';
}

/** A rollup's or churn mart's column of the tenant dimension (a column dimension over users.tenant_id), if it keeps one. */
function tenantKey(catalog: Catalog, mart: Mart, usersModel: string): string | null {
  if (mart.kind !== 'rollup' && mart.kind !== 'churn') return null;
  const name = mart.dimensions.find((d) => {
    const expr = catalog.dimensions.get(d)?.expr;
    return expr?.kind === 'column' && expr.column.model === usersModel && expr.column.column === TENANT_COLUMN;
  });
  return name === undefined ? null : rollupColumn(name);
}

const tenantStates = new WeakMap<MartsState, MartsState>();

/** The marts a tenant's statements may be compiled with: those partitioned by tenant (per user, or keyed by the tenant dimension). One per marts state. */
export function martsForTenant(catalog: Catalog, state: MartsState): MartsState {
  const known = tenantStates.get(state);
  if (known) return known;
  const users = usersModel(catalog);
  const marts = new Map([...state.marts].filter(([name]) => {
    const mart = catalog.marts.get(name);
    return mart !== undefined && users !== undefined && (perUser(mart) || tenantKey(catalog, mart, users.name) !== null);
  }));
  const scoped = { ...state, marts };
  tenantStates.set(state, scoped);
  return scoped;
}

/** The users model that carries the tenant: its primary key is its user key. */
function usersModel(catalog: Catalog): SemanticModel | undefined {
  return [...catalog.models.values()].find((m) => m.columns.has(TENANT_COLUMN) && m.userKey === m.primaryKey);
}
