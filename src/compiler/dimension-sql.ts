import { sql, type RawBuilder } from 'kysely';
import type { ColumnRef, Dimension, FilterNode, StringFilter } from '../catalog/types';
import { assertNever } from '../util/errors';
import type { TimeSql } from './buckets';

export function columnSql(ref: ColumnRef): RawBuilder<unknown> {
  return sql.id(ref.model, ref.column);
}

/** The SQL value of a dimension; tables are aliased by model name. */
export function dimensionSql(dimension: Dimension, time: TimeSql): RawBuilder<string | null> {
  const expr = dimension.expr;
  switch (expr.kind) {
    case 'column':
      return sql<string | null>`${columnSql(expr.column)}`;
    case 'calendar':
      return time.dialect.calendarLabel(time.local(columnSql(expr.column)), expr.part);
    case 'day_bins': {
      const days = sql`floor(extract(epoch FROM ${columnSql(expr.to)} - ${columnSql(expr.from)}) / 86400)`;
      const cases = expr.bins.slice(1).map((upper, i) => sql`WHEN ${days} < ${upper}::int THEN ${binLabel(expr.bins, i)}::text`);
      const last = binLabel(expr.bins, expr.bins.length - 1);
      return sql<string | null>`CASE WHEN ${days} IS NULL THEN NULL ${sql.join(cases, sql` `)} ELSE ${last}::text END`;
    }
    default:
      return assertNever(expr, 'dimension expression');
  }
}

/** [0, 7, 30] -> "0-6", "7-29", "30+". */
export function binLabel(bins: readonly number[], index: number): string {
  const lower = bins[index] ?? 0;
  const next = bins[index + 1];
  return next === undefined ? `${lower}+` : `${lower}-${next - 1}`;
}

export type DimensionResolver = (name: string) => RawBuilder<unknown>;

/** A filter tree as a SQL predicate. Values are bound; dimensions resolve through `resolve`. */
export function filterSql(node: FilterNode, resolve: DimensionResolver): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  for (const [name, filter] of node.dimensions) parts.push(stringFilterSql(resolve(name), filter));
  for (const child of node.and) parts.push(filterSql(child, resolve));
  if (node.or.length > 0) parts.push(sql`(${sql.join(node.or.map((child) => filterSql(child, resolve)), sql` OR `)})`);
  if (parts.length === 0) return sql<boolean>`TRUE`;
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * Cube's semantics: several operators in one filter all apply; `neq` and
 * `notIn` keep rows where the value is missing; `contains` ignores case.
 */
export function stringFilterSql(value: RawBuilder<unknown>, filter: StringFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (filter.eq !== undefined) parts.push(sql`${value} = ${filter.eq}::text`);
  if (filter.neq !== undefined) parts.push(sql`(${value} <> ${filter.neq}::text OR ${value} IS NULL)`);
  if (filter.in !== undefined) {
    parts.push(filter.in.length === 0 ? sql`FALSE` : sql`${value} IN (${sql.join(filter.in.map((v) => sql`${v}::text`))})`);
  }
  if (filter.notIn !== undefined && filter.notIn.length > 0) {
    parts.push(sql`(${value} NOT IN (${sql.join(filter.notIn.map((v) => sql`${v}::text`))}) OR ${value} IS NULL)`);
  }
  if (filter.contains !== undefined) parts.push(sql`${value} ILIKE ${`%${escapeLike(filter.contains)}%`}::text`);
  if (filter.isNull !== undefined) parts.push(filter.isNull ? sql`${value} IS NULL` : sql`${value} IS NOT NULL`);
  if (parts.length === 0) return sql<boolean>`TRUE`;
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every dimension name a filter mentions. */
export function filterDimensions(node: FilterNode, into = new Set<string>()): Set<string> {
  for (const name of node.dimensions.keys()) into.add(name);
  for (const child of [...node.and, ...node.or]) filterDimensions(child, into);
  return into;
}

/** Top-level AND terms of a filter, each a filter of its own (for routing to users or events). */
export function conjuncts(node: FilterNode): FilterNode[] {
  const out: FilterNode[] = [];
  for (const [name, filter] of node.dimensions) out.push({ dimensions: new Map([[name, filter]]), and: [], or: [] });
  for (const child of node.and) out.push(...conjuncts(child));
  if (node.or.length > 0) out.push({ dimensions: new Map(), and: [], or: node.or });
  return out;
}

export function allOf(nodes: readonly FilterNode[]): FilterNode | null {
  if (nodes.length === 0) return null;
  if (nodes.length === 1) return nodes[0] ?? null;
  return { dimensions: new Map(), and: nodes, or: [] };
}
