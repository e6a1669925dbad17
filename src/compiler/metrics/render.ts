import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Catalog } from '../../catalog/types';
import { assertNever } from '../../util/errors';
import { TimeSql } from '../buckets';
import type { Dialect } from '../dialect';
import type { Scope } from '../sources';
import { compileStatement } from '../statement';
import { LIMITS, type MetricQuery } from '../query';
import type { MetricsPlan, MetricStep } from './plan';
import { martStepCte } from './mart-steps';
import { aggregateCte, churnRateCte, dailyMeanCte, inactiveUsersCte, sessionCte, trailingDistinctCte, type MetricCte } from './raw-steps';
import { metricValueSql } from './values';

/** The plan as one statement: the bucket grid, a CTE per step, and the final join of their columns on (period, dimensions). */
export function renderMetrics(catalog: Catalog, plan: MetricsPlan, dialect: Dialect): CompiledQuery {
  const { query, dimensions } = plan;
  const time = new TimeSql(query, dialect);
  const scope: Scope = { catalog, time, dimensions };
  const ctes = uniqueNames(plan.steps.map((step) => stepCte(scope, step)));
  const cteOf = new Map(ctes.flatMap((c) => c.metrics.map((m) => [m, c.name] as const)));
  const keyColumns = ['period', ...dimensions.map((d) => d.name)];
  // With a grain and no dimension every bucket is returned, even an empty one.
  const keys =
    dimensions.length === 0
      ? sql`SELECT period FROM buckets`
      : sql.join(
          ctes.map((c) => sql`SELECT ${sql.join(keyColumns.map((k) => sql.id(c.name, k)))} FROM ${sql.id(c.name)}`),
          sql`\n  UNION\n  `,
        );
  // With a grain every period is a bucket, never null: an equality PostgreSQL can hash (IS NOT DISTINCT FROM cannot,
  // and compared every row with every row: 1.4M comparisons for 90 days x 13 countries).
  const equal = (c: MetricCte, k: string) =>
    k === 'period' && query.grain !== null ? sql`${sql.id(c.name, k)} = ${sql.id('k', k)}` : sql`${sql.id(c.name, k)} IS NOT DISTINCT FROM ${sql.id('k', k)}`;
  const joins = ctes.map((c) => sql`LEFT JOIN ${sql.id(c.name)} ON ${sql.join(keyColumns.map((k) => equal(c, k)), sql` AND `)}`);
  const select = [...keyColumns.map((k) => sql.id('k', k)), ...plan.metrics.map((m) => sql`${metricValueSql(catalog, m, cteOf)} AS ${sql.id(m)}`)];
  const withs = [
    sql`buckets AS (\n  ${time.calendar('clipped')}\n)`,
    ...ctes.flatMap((c) => [...(c.prelude ?? []), sql`${sql.id(c.name)} AS (\n  ${c.body}\n)`]),
    sql`k AS (\n  ${keys}\n)`,
  ];
  const recursive = ctes.some((c) => c.recursive) ? dialect.recursive : sql``;
  return compileStatement(sql`WITH ${recursive}${sql.join(withs, sql`,\n`)}
SELECT ${sql.join(select, sql`,\n  `)}
FROM k
${sql.join(joins, sql`\n`)}
ORDER BY ${orderBySql(query, keyColumns)}
LIMIT ${query.limit ?? LIMITS.maxRows}::int`);
}

function stepCte(scope: Scope, step: MetricStep): MetricCte {
  if (step.source.kind === 'mart') return martStepCte(scope, step, step.source.mart);
  switch (step.kind) {
    case 'aggregate':
      return aggregateCte(scope, step.model, step.metrics, step.where);
    case 'daily_mean':
      return dailyMeanCte(scope, step.metric, step.where);
    case 'trailing_distinct':
      return trailingDistinctCte(scope, step.metric, step.where);
    case 'churn_rate':
      return churnRateCte(scope, step.metric, step.where);
    case 'inactive_users':
      return inactiveUsersCte(scope, step.metric, step.where, step.activity);
    case 'sessions':
      return sessionCte(scope, step.model, step.metrics, step.where);
    default:
      return assertNever(step, 'metric step');
  }
}

/** A step split between a mart and raw tables gives two CTEs of one model: keep their names apart. */
function uniqueNames(ctes: readonly MetricCte[]): MetricCte[] {
  const seen = new Set<string>();
  return ctes.map((cte) => {
    let name = cte.name;
    for (let i = 2; seen.has(name); i += 1) name = `${cte.name}_${i}`;
    seen.add(name);
    return name === cte.name ? cte : { ...cte, name };
  });
}

function orderBySql(query: MetricQuery, keyColumns: readonly string[]): RawBuilder<unknown> {
  const terms: RawBuilder<unknown>[] = [];
  const seen = new Set<string>();
  for (const term of query.orderBy) {
    if (seen.has(term.field)) continue;
    seen.add(term.field);
    terms.push(sql`${sql.id(term.field)} ${sql.raw(term.direction === 'DESC' ? 'DESC' : 'ASC')} NULLS LAST`);
  }
  // Then the keys, so ties always come back in the same order.
  for (const key of keyColumns) if (!seen.has(key)) terms.push(sql`${sql.id(key)} ASC NULLS LAST`);
  return sql.join(terms, sql`, `);
}
