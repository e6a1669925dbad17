import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ResultMeta } from './result-meta';
import type { CatalogTypes } from './catalog-types';

@ObjectType({ simpleResolvers: true, description: 'Users who reached a step (of one breakdown group), and the conversion to it.' })
export class FunnelStepResult {
  @Field(() => Int, { description: 'Position of the step, from 1.' })
  index!: number;

  @Field(() => String)
  eventType!: string;

  @Field(() => String, { nullable: true, description: 'The breakdown value; null for a missing value or without a breakdown.' })
  breakdown!: string | null;

  @Field(() => Int, { description: 'Users whose furthest step, over all their entries, is this one or a later one.' })
  users!: number;

  @Field(() => Float, { nullable: true, description: 'users / step-1 users; null when there are none.' })
  conversionRate!: number | null;

  @Field(() => Float, { nullable: true, description: "users / the previous step's users (step 1: 1); null when there are none." })
  stepConversionRate!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Steps in order, group by group when there is a breakdown.' })
export class FunnelResult {
  @Field(() => [FunnelStepResult])
  steps!: FunnelStepResult[];

  @Field(() => Int, { description: 'The conversion window used, in days of 24 hours.' })
  windowDays!: number;

  @Field(() => String, { description: 'The SQL that answered, parameters written in.' })
  sql!: string;

  @Field(() => Boolean, { description: 'True when the answer came from the result cache.' })
  cached!: boolean;

  @Field(() => ResultMeta)
  meta!: ResultMeta;
}

/** The FunnelStep input as the resolver receives it (`where` is a DimensionFilter). */
export interface FunnelStepInput {
  eventType: string;
  where?: unknown;
}

// FunnelStep reads the catalog's DimensionFilter: one class per schema, shared by every funnel analysis.
const stepInputs = new WeakMap<CatalogTypes, new () => object>();

export function funnelStepInput(types: CatalogTypes): new () => object {
  const existing = stepInputs.get(types);
  if (existing) return existing;
  @InputType('FunnelStep', { description: 'A step: an event of this type, optionally narrowed by conditions on its dimensions.' })
  class FunnelStep {
    @Field(() => String, { description: "Matched against the funnel's step dimension (event_type)." })
    eventType!: string;

    @Field(() => types.DimensionFilter, { nullable: true, description: 'Conditions the step event must meet as well.' })
    where?: unknown;
  }
  stepInputs.set(types, FunnelStep);
  return FunnelStep;
}
