import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ResultMeta } from './result-meta';
import { DateTimeScalar } from './scalars';
import { SortDirection } from './static-types';

/**
 * The users drill-down types of SPEC §9. They are fixed, not generated: the
 * dimension fields (country, region, city, acquisitionSource) read the catalog
 * dimensions of those names, and plan the analysis's plan_dimension.
 */
export enum UserStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  NEVER_ACTIVE = 'NEVER_ACTIVE',
}
registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: 'As of asOf: ACTIVE (an event in the last inactiveAfterDays x 24 h), INACTIVE (events, none that recent) or NEVER_ACTIVE (no event).',
});

export enum UserOrderField {
  SIGNUP_AT = 'signup_at',
  LAST_ACTIVE_AT = 'last_active_at',
  TOTAL_EVENTS = 'total_events',
  DAYS_SINCE_SIGNUP = 'days_since_signup',
  DAYS_SINCE_LAST_ACTIVE = 'days_since_last_active',
  USER_ID = 'user_id',
  COUNTRY = 'country',
  REGION = 'region',
  CITY = 'city',
  ACQUISITION_SOURCE = 'acquisition_source',
  PLAN = 'plan',
}
registerEnumType(UserOrderField, { name: 'UserOrderField', description: 'What users are ordered by. Nulls sort last in both directions.' });

/** User fields read from the catalog dimension of the same (snake_case) name. */
export const USER_DIMENSION_FIELDS = { country: 'country', region: 'region', city: 'city', acquisitionSource: 'acquisition_source' } as const;

@InputType({ description: 'Ties are broken by userId ascending, so paging is stable.' })
export class UserOrder {
  @Field(() => UserOrderField)
  field!: UserOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}

@ObjectType({ simpleResolvers: true, description: 'A user as of asOf. DateTimes are in the query timezone.' })
export class User {
  @Field(() => String)
  userId!: string;

  @Field(() => DateTimeScalar)
  signupAt!: string;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  acquisitionSource!: string | null;

  @Field(() => String, { nullable: true, description: 'The plan name; null without a plan.' })
  plan!: string | null;

  @Field(() => Int, { description: 'Events up to asOf.' })
  totalEvents!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last event up to asOf; null when never active.' })
  lastActiveAt!: string | null;

  @Field(() => Int, { description: 'Whole 24-hour periods from signup to asOf (rounded down).' })
  daysSinceSignup!: number;

  @Field(() => Int, { nullable: true, description: 'Whole 24-hour periods from the last event to asOf (rounded down); null when never active.' })
  daysSinceLastActive!: number | null;

  @Field(() => UserStatus)
  status!: UserStatus;
}

@ObjectType({ simpleResolvers: true })
export class UserEdge {
  @Field(() => String, { description: 'Opaque; pass as `after` to continue after this user.' })
  cursor!: string;

  @Field(() => User)
  node!: User;
}

@ObjectType({ simpleResolvers: true, description: 'Relay-style paging state (forward paging).' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked for with `after`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A page of users (Relay cursor connection).' })
export class UserConnection {
  @Field(() => [UserEdge])
  edges!: UserEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Users matching asOf, status and where, across all pages.' })
  totalCount!: number;

  @Field(() => String, { description: 'The SQL that answered, parameters written in.' })
  sql!: string;

  @Field(() => Boolean, { description: 'True when the answer came from the result cache.' })
  cached!: boolean;

  @Field(() => ResultMeta)
  meta!: ResultMeta;
}
