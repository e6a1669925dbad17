import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './scalars';

export enum DataTestKind {
  NOT_NULL = 'not_null',
  UNIQUE = 'unique',
  ACCEPTED_VALUES = 'accepted_values',
  RELATIONSHIPS = 'relationships',
  SINGULAR = 'singular',
}
registerEnumType(DataTestKind, { name: 'DataTestKind', description: 'A generic test on a column, or a singular SQL business rule.' });

export enum DataTestSeverity {
  ERROR = 'error',
  WARN = 'warn',
}
registerEnumType(DataTestSeverity, { name: 'DataTestSeverity', description: 'ERROR: a failure fails `pulse check`; WARN: reported only.' });

export enum DataTestStatus {
  PASS = 'pass',
  FAIL = 'fail',
  WARN = 'warn',
  ERROR = 'error',
}
registerEnumType(DataTestStatus, {
  name: 'DataTestStatus',
  description: 'PASS: no failing rows; FAIL / WARN: failing rows, by severity; ERROR: the test itself could not run.',
});

@ObjectType({ description: 'The latest result of one data test (metrics/ data_tests:), as `pulse check` stored it.' })
export class DataTestResult {
  @Field(() => String)
  name!: string;

  @Field(() => DataTestKind)
  kind!: DataTestKind;

  @Field(() => String, { nullable: true, description: 'The model tested; null for singular tests.' })
  model!: string | null;

  @Field(() => String, { nullable: true, description: 'The column tested; null for singular tests.' })
  column!: string | null;

  @Field(() => DataTestSeverity)
  severity!: DataTestSeverity;

  @Field(() => DataTestStatus)
  status!: DataTestStatus;

  @Field(() => Int, { nullable: true, description: 'Failing rows (unique: duplicated values); null when the test errored.' })
  failures!: number | null;

  @Field(() => [GraphQLJSONObject], { description: 'Up to 5 failing rows, their columns as keys.' })
  sample!: Array<Record<string, unknown>>;

  @Field(() => String, { nullable: true, description: 'Why the test errored.' })
  message!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => DateTimeScalar)
  checkedAt!: Date;
}

@ObjectType({ description: 'Counts over the latest results.' })
export class DataQualitySummary {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  passed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Int)
  warned!: number;

  @Field(() => Int)
  errored!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the most recent result was checked; null before the first `pulse check`.' })
  lastRunAt!: Date | null;
}

@ObjectType({ description: 'Rows `pulse ingest` refused (the rejects table), grouped by file kind, source file and reason.' })
export class IngestRejects {
  @Field(() => String, { description: 'plans, users, events or churn.' })
  kind!: string;

  @Field(() => String, { description: 'The file the rows came from, as given to `pulse ingest`.' })
  source!: string;

  @Field(() => String, { description: 'Why, e.g. UNKNOWN_USER, BAD_TIMESTAMP, DUPLICATE_KEY_CONFLICT.' })
  code!: string;

  @Field(() => Int)
  rows!: number;

  @Field(() => String, { description: "The message of the group's first rejected line." })
  example!: string;

  @Field(() => DateTimeScalar)
  lastRejectedAt!: Date;
}

@ObjectType({ description: 'The latest stored data test results; `pulse check` runs the tests.' })
export class DataQuality {
  @Field(() => DataQualitySummary)
  summary!: DataQualitySummary;

  @Field(() => [DataTestResult], { description: 'One per data test of the catalog that has run, in definition order.' })
  tests!: DataTestResult[];

  @Field(() => [IngestRejects], { description: 'Refused rows of every load so far (a re-run of a file replaces its own), most first.' })
  rejects!: IngestRejects[];
}
