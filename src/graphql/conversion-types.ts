import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ResultMeta } from './result-meta';
import { DateTimeScalar } from './scalars';

@ObjectType({ simpleResolvers: true, description: 'One signup cohort and how many of it reached the goal.' })
export class ConversionCohort {
  @Field(() => DateTimeScalar, { description: 'Start of the cohort bucket, in the query timezone.' })
  cohort!: string;

  @Field(() => Int, { description: 'Users who signed up in the bucket.' })
  size!: number;

  @Field(() => Int, { description: 'Members with a goal event after signup (within windowDays, up to asOf).' })
  converted!: number;

  @Field(() => Float, { nullable: true, description: 'converted / size; null for an empty cohort.' })
  conversionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median over converted members of the time from signup to the first goal event, in days of 24 h (fractional).',
  })
  medianDaysToConvert!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Median over converted members of their sessions that started before the first goal event (the converting session counts unless the goal starts it).",
  })
  medianSessionsBeforeConvert!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Conversion to a goal event by signup cohort.' })
export class ConversionResult {
  @Field(() => String, { description: 'The goal the answer is for.' })
  goalEventType!: string;

  @Field(() => [ConversionCohort], { description: 'Every cohort bucket that starts inside timeRange, empty ones included.' })
  cohorts!: ConversionCohort[];

  @Field(() => String, { description: 'The SQL that answered, parameters written in.' })
  sql!: string;

  @Field(() => Boolean, { description: 'True when the answer came from the result cache.' })
  cached!: boolean;

  @Field(() => ResultMeta)
  meta!: ResultMeta;
}
