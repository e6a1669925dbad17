import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ResultMeta } from './result-meta';
import { DateTimeScalar } from './scalars';

export enum CohortBy {
  SIGNUP = 'SIGNUP',
  FIRST_ACTIVITY = 'FIRST_ACTIVITY',
}
registerEnumType(CohortBy, {
  name: 'CohortBy',
  description: 'What places a user in a cohort.',
  valuesConfig: {
    SIGNUP: { description: 'The bucket of their signup.' },
    FIRST_ACTIVITY: { description: 'The bucket of their first event ever (event filters applied).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Members of a cohort active in one bucket after the cohort bucket.' })
export class RetentionPeriod {
  @Field(() => Int, { description: '0 is the cohort bucket itself, measured like any other.' })
  offset!: number;

  @Field(() => DateTimeScalar, { description: 'Start of the bucket, in the query timezone.' })
  periodStart!: string;

  @Field(() => Int, { description: 'Cohort members with at least one (counted) event in the bucket, up to asOf.' })
  retained!: number;

  @Field(() => Float, { nullable: true, description: 'retained / size; null for an empty cohort.' })
  rate!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Users who signed up (or were first active) in one bucket, and a breakdown value.' })
export class RetentionCohort {
  @Field(() => DateTimeScalar, { description: 'Start of the cohort bucket, in the query timezone.' })
  cohort!: string;

  @Field(() => String, { nullable: true, description: 'The breakdown value; null for a missing value or without a breakdown.' })
  breakdown!: string | null;

  @Field(() => Int)
  size!: number;

  @Field(() => [RetentionPeriod], { description: 'Offsets 0..periods-1; those starting after asOf are left out.' })
  periods!: readonly RetentionPeriod[];
}

@ObjectType({ simpleResolvers: true, description: 'Cohorts in time order (then by breakdown value, missing last).' })
export class RetentionResult {
  @Field(() => [RetentionCohort])
  cohorts!: RetentionCohort[];

  @Field(() => String, { description: 'The SQL that answered, parameters written in.' })
  sql!: string;

  @Field(() => Boolean, { description: 'True when the answer came from the result cache.' })
  cached!: boolean;

  @Field(() => ResultMeta)
  meta!: ResultMeta;
}
