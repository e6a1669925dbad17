import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from './scalars';

export enum TimeGrain {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(TimeGrain, { name: 'TimeGrain', description: 'Calendar bucket size, in the query timezone.' });

export enum Weekday {
  MONDAY = 'MONDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, { name: 'Weekday', description: 'The first day of a WEEK bucket.' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType({ description: 'Calendar dates in the query timezone, both inclusive: [from 00:00, to + 1 day 00:00).' })
export class TimeRange {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@InputType({ description: 'Conditions on a dimension value; all given conditions apply. neq and notIn keep missing values.' })
export class StringFilter {
  @Field(() => String, { nullable: true })
  eq?: string;

  @Field(() => String, { nullable: true })
  neq?: string;

  @Field(() => [String], { nullable: true })
  in?: string[];

  @Field(() => [String], { nullable: true })
  notIn?: string[];

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring.' })
  contains?: string;

  @Field(() => Boolean, { nullable: true })
  isNull?: boolean;
}

@ObjectType({ description: 'A metric of the catalog.' })
export class CatalogMetric {
  @Field(() => String, { description: 'The GraphQL field name (camelCase).' })
  name!: string;

  @Field(() => String, { description: 'The name in metrics/ (snake_case).' })
  definitionName!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'count, count_distinct, ratio, derived, daily_mean, trailing_distinct, ...' })
  kind!: string;

  @Field(() => String, { description: 'Always Float in MetricRow.' })
  type!: string;

  @Field(() => [String], { description: 'Models the metric reads.' })
  models!: string[];

  @Field(() => [String], { description: 'Dimensions (camelCase) it can be grouped and filtered by.' })
  dimensions!: string[];

  @Field(() => String, { nullable: true, description: 'For ratio and derived metrics, the arithmetic.' })
  expression!: string | null;
}

@ObjectType({ description: 'A dimension of the catalog.' })
export class CatalogDimension {
  @Field(() => String, { description: 'The GraphQL field name (camelCase).' })
  name!: string;

  @Field(() => String)
  definitionName!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'Always String in MetricRow.' })
  type!: string;

  @Field(() => String, { description: 'The model whose rows it describes.' })
  model!: string;

  @Field(() => [String], { description: 'Metrics (camelCase) that can be grouped and filtered by it.' })
  metrics!: string[];
}

@ObjectType('Catalog', { description: 'What can be asked: metrics, dimensions and which reaches which.' })
export class CatalogInfo {
  @Field(() => [CatalogMetric])
  metrics!: CatalogMetric[];

  @Field(() => [CatalogDimension])
  dimensions!: CatalogDimension[];

  @Field(() => String, { description: 'Hash of the loaded definitions.' })
  version!: string;
}
