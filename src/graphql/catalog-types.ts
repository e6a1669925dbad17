import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Catalog } from '../catalog/types';
import { camelCase, enumName } from '../util/names';
import { ResultMeta } from './result-meta';
import { DateTimeScalar } from './scalars';
import { SortDirection, StringFilter } from './static-types';

/** Classes generated from the catalog; built afresh for every schema. */
export interface CatalogTypes {
  readonly MetricRow: new () => object;
  readonly MetricResult: new () => object;
  readonly DimensionFilter: new () => object;
  readonly MetricOrder: new () => object;
  /** The catalog's dimensions as a GraphQL enum (PLAN, COUNTRY, ...); values are snake_case names. */
  readonly Dimension: Record<string, string>;
}

type Proto = object;

function field(target: Proto, name: string, type: () => unknown, options: Parameters<typeof Field>[1]): void {
  (Field(type as never, options) as PropertyDecorator)(target, name);
}

function namedClass(name: string): new () => object {
  // A named class so type-graphql's messages and metadata read well.
  return { [name]: class {} }[name] as new () => object;
}

/**
 * Result types are plain data: `simpleResolvers` gives their fields graphql's
 * default resolver instead of type-graphql's middleware wrapper, a cost paid per
 * field per row on every answer (Pulse registers no middlewares).
 */
export function buildCatalogTypes(catalog: Catalog): CatalogTypes {
  const MetricRow = namedClass('MetricRow');
  field(MetricRow.prototype, 'period', () => DateTimeScalar, {
    nullable: true,
    description: 'Start of the (unclipped) bucket, in the query timezone; the range start when there is no grain.',
  });
  for (const d of catalog.dimensions.values()) {
    field(MetricRow.prototype, camelCase(d.name), () => String, { nullable: true, description: d.description || undefined });
  }
  for (const m of catalog.metrics.values()) {
    field(MetricRow.prototype, camelCase(m.name), () => Float, { nullable: true, description: m.description || undefined });
  }
  // SPEC §12: the same metric fields for the matching bucket of the comparison range.
  const MetricValues = namedClass('MetricValues');
  for (const m of catalog.metrics.values()) {
    field(MetricValues.prototype, camelCase(m.name), () => Float, { nullable: true, description: m.description || undefined });
  }
  ObjectType('MetricValues', { simpleResolvers: true, description: 'The metrics of the comparison bucket (compareTo); null where it has no partner row.' })(MetricValues);
  field(MetricRow.prototype, 'previousPeriod', () => DateTimeScalar, {
    nullable: true,
    description: 'With compareTo: the start of the matching bucket of the comparison range (bucket i pairs with bucket i).',
  });
  field(MetricRow.prototype, 'previous', () => MetricValues, { nullable: true, description: 'With compareTo: the metrics of the matching bucket and dimension values.' });
  ObjectType('MetricRow', { simpleResolvers: true, description: 'One bucket (and dimension group). Dimension fields selected here are the GROUP BY.' })(MetricRow);

  const MetricResult = namedClass('MetricResult');
  field(MetricResult.prototype, 'rows', () => [MetricRow], {});
  field(MetricResult.prototype, 'sql', () => String, { description: 'The SQL that answered, parameters written in.' });
  field(MetricResult.prototype, 'cached', () => Boolean, { description: 'True when the answer came from the result cache.' });
  field(MetricResult.prototype, 'meta', () => ResultMeta, {});
  ObjectType('MetricResult', { simpleResolvers: true })(MetricResult);

  const DimensionFilter = namedClass('DimensionFilter');
  for (const d of catalog.dimensions.values()) {
    field(DimensionFilter.prototype, camelCase(d.name), () => StringFilter, { nullable: true, description: d.description || undefined });
  }
  field(DimensionFilter.prototype, 'AND', () => [DimensionFilter], { nullable: true, description: 'All of these.' });
  field(DimensionFilter.prototype, 'OR', () => [DimensionFilter], { nullable: true, description: 'Any of these.' });
  InputType('DimensionFilter', { description: 'Conditions on dimensions; fields of one object all apply.' })(DimensionFilter);

  const orderFields: Record<string, string> = { PERIOD: 'period' };
  for (const name of [...catalog.dimensions.keys(), ...catalog.metrics.keys()]) orderFields[enumName(name)] = name;
  registerEnumType(orderFields, { name: 'MetricField', description: 'period, a dimension or a metric.' });

  const MetricOrder = namedClass('MetricOrder');
  field(MetricOrder.prototype, 'field', () => orderFields, {});
  field(MetricOrder.prototype, 'direction', () => SortDirection, { defaultValue: SortDirection.ASC });
  InputType('MetricOrder')(MetricOrder);

  const Dimension: Record<string, string> = {};
  for (const name of catalog.dimensions.keys()) Dimension[enumName(name)] = name;
  registerEnumType(Dimension, { name: 'Dimension', description: 'A dimension of the catalog, for breakdowns.' });

  return { MetricRow, MetricResult, DimensionFilter, MetricOrder, Dimension };
}
