import { Field, Int, ObjectType } from 'type-graphql';
import { ResultMeta } from './result-meta';
import { DateTimeScalar } from './scalars';

@ObjectType({ simpleResolvers: true, description: 'Users by lifecycle state in one whole bucket P (SPEC §6).' })
export class LifecyclePeriod {
  @Field(() => DateTimeScalar, { description: 'Start of the (whole) bucket, in the query timezone.' })
  period!: string;

  @Field(() => Int, { description: 'Active in P, and P is their first active bucket ever.' })
  new!: number;

  @Field(() => Int, { description: 'Active in P and in P-1.' })
  retained!: number;

  @Field(() => Int, { description: 'Active in P, not in P-1, and in some bucket before P-1.' })
  resurrected!: number;

  @Field(() => Int, { description: 'Active in P-1, not in P.' })
  dormant!: number;

  @Field(() => Int, { description: 'Active before P-1, but neither in P-1 nor in P.' })
  churned!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Every whole bucket that starts in or overlaps the range, in time order.' })
export class LifecycleResult {
  @Field(() => [LifecyclePeriod])
  periods!: LifecyclePeriod[];

  @Field(() => String, { description: 'The SQL that answered, parameters written in.' })
  sql!: string;

  @Field(() => Boolean, { description: 'True when the answer came from the result cache.' })
  cached!: boolean;

  @Field(() => ResultMeta)
  meta!: ResultMeta;
}
