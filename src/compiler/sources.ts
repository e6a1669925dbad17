import { sql, type RawBuilder } from 'kysely';
import { joinPath, type JoinStep } from '../catalog/reachability';
import type { Catalog, Dimension, FilterNode, SemanticModel } from '../catalog/types';
import { QueryError } from '../util/errors';
import type { TimeSql } from './buckets';
import { dimensionSql, filterDimensions, filterSql } from './dimension-sql';

/** What one CTE groups by and filters on, resolved against the catalog. */
export interface Scope {
  readonly catalog: Catalog;
  readonly time: TimeSql;
  readonly dimensions: readonly Dimension[];
}

export function model(catalog: Catalog, name: string): SemanticModel {
  const found = catalog.models.get(name);
  if (!found) throw new Error(`Catalog has no model ${name}`);
  return found;
}

export function dimension(catalog: Catalog, name: string): Dimension {
  const found = catalog.dimensions.get(name);
  if (!found) throw new Error(`Catalog has no dimension ${name}`);
  return found;
}

/** Models a set of dimensions and filters read, beyond the base. */
export function modelsFor(catalog: Catalog, dimensions: readonly Dimension[], filters: readonly (FilterNode | null)[]): Set<string> {
  const models = new Set<string>();
  for (const d of dimensions) d.models.forEach((m) => models.add(m));
  for (const f of filters) {
    if (!f) continue;
    for (const name of filterDimensions(f)) dimension(catalog, name).models.forEach((m) => models.add(m));
  }
  return models;
}

/**
 * LEFT JOINs from `base` to every model in `needed` along the catalog's
 * many-to-one joins. Tables are aliased by model name, which is what dimension
 * and filter SQL refer to.
 */
export function joinsSql(catalog: Catalog, base: string, needed: Iterable<string>): RawBuilder<unknown> {
  const steps: JoinStep[] = [];
  const joined = new Set([base]);
  for (const target of needed) {
    const path = joinPath(catalog.models, base, target);
    if (path === null) throw new QueryError('where', `model ${target} cannot be reached from ${base}`);
    for (const step of path) {
      if (joined.has(step.join.model)) continue;
      joined.add(step.join.model);
      steps.push(step);
    }
  }
  return sql.join(
    steps.map((step) => {
      const to = model(catalog, step.join.model);
      return sql`LEFT JOIN ${sql.table(to.table)} AS ${sql.id(to.name)} ON ${sql.id(to.name, to.primaryKey)} = ${sql.id(step.from, step.join.column)}`;
    }),
    sql`\n  `,
  );
}

export function tableAs(m: SemanticModel): RawBuilder<unknown> {
  return sql`${sql.table(m.table)} AS ${sql.id(m.name)}`;
}

/** `b.period, <dimension> AS "name", ...` for the SELECT list. */
export function groupColumns(scope: Scope): RawBuilder<unknown>[] {
  return [sql`b.period`, ...scope.dimensions.map((d) => sql`${dimensionSql(d, scope.time)} AS ${sql.id(d.name)}`)];
}

/** GROUP BY 1..n over the period and the dimensions. */
export function groupBy(count: number): RawBuilder<unknown> {
  return sql.raw(`GROUP BY ${Array.from({ length: count }, (_, i) => i + 1).join(', ')}`);
}

export function whereSql(scope: Scope, filters: readonly (FilterNode | null)[], extra: RawBuilder<unknown>[] = []): RawBuilder<unknown> {
  const parts = [
    ...extra,
    ...filters.filter((f): f is FilterNode => f !== null).map((f) => filterSql(f, (name) => dimensionSql(dimension(scope.catalog, name), scope.time))),
  ];
  return parts.length === 0 ? sql`` : sql`WHERE ${sql.join(parts, sql` AND `)}`;
}

export function predicate(scope: Scope, filter: FilterNode): RawBuilder<boolean> {
  return filterSql(filter, (name) => dimensionSql(dimension(scope.catalog, name), scope.time));
}
