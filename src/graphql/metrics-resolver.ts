import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, registerEnumType, Resolver } from 'type-graphql';
import { bucketIndex, comparisonRange } from '../execution';
import type { Catalog } from '../catalog/types';
import type { MetricAnswer, MetricQuery, OrderTerm } from '../execution';
import { camelCase } from '../util/names';
import type { CatalogTypes } from './catalog-types';
import type { PulseContext } from './context';
import { toFilterNode } from './filter-input';
import { resultMeta } from './result-meta';
import { selectedSubfields } from './selection';
import { SortDirection, TimeGrain, TimeRange, Weekday } from './static-types';

export enum CompareTo {
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
  PREVIOUS_YEAR = 'PREVIOUS_YEAR',
}
registerEnumType(CompareTo, {
  name: 'CompareTo',
  description: 'PREVIOUS_PERIOD: the range shifted back by its length in buckets; PREVIOUS_YEAR: one year earlier (DAY: same date, WEEK: 52 weeks, MONTH/QUARTER: 12 months).',
});

interface OrderInput {
  field: string;
  direction?: SortDirection;
}

/** The `metrics` query, typed by the catalog's generated classes. */
export function createMetricsResolver(types: CatalogTypes): new () => object {
  @Resolver()
  class MetricsResolver {
    @Query(() => types.MetricResult, {
      description: 'Metrics by time bucket; the dimension fields selected under rows are the GROUP BY.',
    })
    async metrics(
      @Arg('timeRange', () => TimeRange) timeRange: TimeRange,
      @Arg('grain', () => TimeGrain, { nullable: true, description: 'Omit for one bucket: the whole range.' }) grain: TimeGrain | null,
      @Arg('timezone', () => String, { nullable: true, description: 'IANA name; default UTC.' }) timezone: string | null,
      @Arg('weekStart', () => Weekday, { nullable: true, description: 'Default MONDAY.' }) weekStart: Weekday | null,
      @Arg('where', () => types.DimensionFilter, { nullable: true }) where: unknown,
      @Arg('orderBy', () => [types.MetricOrder], { nullable: true }) orderBy: OrderInput[] | null,
      @Arg('limit', () => Int, { nullable: true, description: 'At most 10000 (the default).' }) limit: number | null,
      @Arg('compareTo', () => CompareTo, { nullable: true, description: 'Adds previousPeriod and previous to each row (SPEC §12).' }) compareTo: CompareTo | null,
      @Ctx() context: PulseContext,
      @Info() info: GraphQLResolveInfo,
    ): Promise<object> {
      const { catalog } = context;
      const selected = selectedRowFields(catalog, info);
      const query: MetricQuery = {
        metrics: selected.metrics,
        dimensions: selected.dimensions,
        timeRange: { from: timeRange.from, to: timeRange.to },
        grain: grain ?? null,
        timezone: timezone ?? 'UTC',
        weekStart: weekStart ?? Weekday.MONDAY,
        where: toFilterNode(catalog, where),
        orderBy: (orderBy ?? []).map((o): OrderTerm => ({ field: o.field, direction: o.direction ?? SortDirection.ASC })),
        limit: limit ?? null,
      };
      if (!compareTo) return toResult(await context.metricsLoader.load(query), query.timezone);
      // The comparison is the same question over the comparison range; rows pair by bucket index and dimension values.
      const compared: MetricQuery = { ...query, timeRange: comparisonRange(query.timeRange, query, compareTo), orderBy: [], limit: null };
      const [answer, previous] = await Promise.all([context.metricsLoader.load(query), context.metricsLoader.load(compared)]);
      return withComparison(toResult(answer, query.timezone), answer, previous, query, compared);
    }
  }
  return MetricsResolver;
}

// Apollo keeps parsed documents, so a repeated request brings the same field node: its selection is read once.
const selections = new WeakMap<FieldNode, { readonly catalog: Catalog; readonly fields: RowFields }>();

interface RowFields {
  readonly metrics: readonly string[];
  readonly dimensions: readonly string[];
}

function selectedRowFields(catalog: Catalog, info: GraphQLResolveInfo): RowFields {
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const known = node && selections.get(node);
  if (known?.catalog === catalog) return known.fields;
  const fields = readRowFields(catalog, info);
  if (node) selections.set(node, { catalog, fields });
  return fields;
}

function readRowFields(catalog: Catalog, info: GraphQLResolveInfo): RowFields {
  // The metrics under rows.previous are computed for both ranges, like those under rows.
  const fields = new Set([...selectedSubfields(info, 'rows'), ...selectedSubfields(info, 'rows', 'previous')]);
  const metrics: string[] = [];
  const dimensions: string[] = [];
  for (const name of catalog.metrics.keys()) if (fields.has(camelCase(name))) metrics.push(name);
  for (const name of catalog.dimensions.keys()) if (fields.has(camelCase(name))) dimensions.push(name);
  return { metrics, dimensions };
}

// A cached answer keeps its rows array, so its GraphQL rows are built once, not per hit.
const graphqlRows = new WeakMap<MetricAnswer['rows'], object[]>();

function toResult(answer: MetricAnswer, timezone: string): object {
  let rows = graphqlRows.get(answer.rows);
  if (!rows) {
    rows = answer.rows.map((row) => {
      const out: Record<string, unknown> = { period: row.period };
      for (const [name, value] of Object.entries(row.values)) out[camelCase(name)] = value;
      return out;
    });
    graphqlRows.set(answer.rows, rows);
  }
  return { sql: answer.sql, cached: answer.cached, meta: resultMeta(answer.meta, timezone), rows };
}

/** Each row with its partner of the comparison: the bucket of the same index with the same dimension values. */
function withComparison(result: object, answer: MetricAnswer, previous: MetricAnswer, query: MetricQuery, compared: MetricQuery): object {
  const dimensions = query.dimensions;
  const key = (index: number, row: MetricAnswer['rows'][number]) => JSON.stringify([index, ...dimensions.map((d) => row.values[d] ?? null)]);
  const index = (row: MetricAnswer['rows'][number], range: MetricQuery) => (row.period === null ? 0 : bucketIndex(row.period, range.timeRange.from, range));
  const partners = new Map(previous.rows.map((row) => [key(index(row, compared), row), row]));
  const periods = new Map(previous.rows.map((row) => [index(row, compared), row.period]));
  const base = result as { rows: Array<Record<string, unknown>> };
  const rows = answer.rows.map((row, i) => {
    const at = index(row, query);
    const partner = partners.get(key(at, row));
    const values: Record<string, unknown> = {};
    for (const metric of query.metrics) values[camelCase(metric)] = partner ? (partner.values[metric] ?? null) : null;
    return { ...base.rows[i], previousPeriod: partner?.period ?? periods.get(at) ?? null, previous: values };
  });
  return { ...result, rows };
}
