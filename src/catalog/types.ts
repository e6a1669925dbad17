/**
 * The Catalog: metrics/*.yml after loading, validation and normalisation.
 * Everything here is plain, frozen data; names are snake_case as written in YAML.
 */
import type { SourceLocation } from '../util/errors';
import type { DataTest } from './data-test-types';

export type ColumnType = 'string' | 'number' | 'timestamp' | 'json';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/** A many-to-one join: `from.column` = `to.primaryKey`. */
export interface Join {
  readonly model: string;
  readonly column: string;
  readonly location: SourceLocation;
}

export interface SemanticModel {
  readonly name: string;
  readonly description: string;
  readonly table: string;
  readonly primaryKey: string;
  /** Column that holds the user the row belongs to (events.user_id, users.user_id). */
  readonly userKey: string | null;
  /** The column that places a row in time (occurred_at, signup_at, churned_at). */
  readonly timeColumn: string | null;
  readonly columns: ReadonlyMap<string, Column>;
  readonly joins: readonly Join[];
  /** How this model's rows form sessions (SPEC §3); null when they don't. */
  readonly sessions: SessionConfig | null;
  readonly location: SourceLocation;
}

/** YAML `sessions: { gap_minutes: 30 }` on an activity model (needs user_key and time). */
export interface SessionConfig {
  /** Consecutive rows of one user at most this far apart belong to one session. */
  readonly gapMinutes: number;
}

export interface ColumnRef {
  readonly model: string;
  readonly column: string;
}

export type CalendarPart = 'day' | 'month' | 'quarter' | 'year';

export type DimensionExpr =
  /** A string column of the owning model. */
  | { readonly kind: 'column'; readonly column: ColumnRef }
  /** A timestamp formatted as a calendar label in the query's timezone (signup_month = "2026-03"). */
  | { readonly kind: 'calendar'; readonly column: ColumnRef; readonly part: CalendarPart }
  /** Whole days from one timestamp to another, labelled by bins: [0,7,30] -> "0-6", "7-29", "30+". */
  | { readonly kind: 'day_bins'; readonly from: ColumnRef; readonly to: ColumnRef; readonly bins: readonly number[] };

export interface Dimension {
  readonly name: string;
  readonly description: string;
  /** The model whose rows the dimension describes; reachability starts from it. */
  readonly model: string;
  readonly expr: DimensionExpr;
  /** Every model the expression reads (the owner included). */
  readonly models: readonly string[];
  readonly location: SourceLocation;
}

export interface StringFilter {
  readonly eq?: string;
  readonly neq?: string;
  readonly in?: readonly string[];
  readonly notIn?: readonly string[];
  readonly contains?: string;
  readonly isNull?: boolean;
}

/** A boolean filter tree over dimensions (the GraphQL DimensionFilter, with snake_case keys). */
export interface FilterNode {
  readonly dimensions: ReadonlyMap<string, StringFilter>;
  readonly and: readonly FilterNode[];
  readonly or: readonly FilterNode[];
}

export type AggregateFunction = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'percentile';

/** Arithmetic over other metrics, parsed once at load. */
export type DerivedExpr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'metric'; readonly name: string }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/'; readonly left: DerivedExpr; readonly right: DerivedExpr }
  | { readonly kind: 'negate'; readonly operand: DerivedExpr };

interface MetricBase {
  readonly name: string;
  readonly description: string;
  readonly location: SourceLocation;
}

/** count, count_distinct, sum, avg, min, max, percentile over the rows of a model in the bucket. */
export interface AggregateMetric extends MetricBase {
  readonly kind: AggregateFunction;
  readonly model: string;
  /** Required for every function but count. */
  readonly column: string | null;
  /** percentile only: 0..1 */
  readonly percentile: number | null;
  /** Rows the metric counts, e.g. event_type = purchase. */
  readonly filter: FilterNode | null;
}

/** Mean over the days of the bucket of the distinct `column` values active that day (dau). */
export interface DailyMeanMetric extends MetricBase {
  readonly kind: 'daily_mean';
  readonly model: string;
  readonly column: string;
  readonly filter: FilterNode | null;
}

/** Distinct `column` values in the N calendar days ending at the bucket's end (wau, mau). */
export interface TrailingDistinctMetric extends MetricBase {
  readonly kind: 'trailing_distinct';
  readonly model: string;
  readonly column: string;
  readonly windowDays: number;
  readonly filter: FilterNode | null;
}

/** Share of users at risk at the bucket's start (signed up before, not yet churned) who churn in it. */
export interface ChurnRateMetric extends MetricBase {
  readonly kind: 'churn_rate';
  /** The users model: its primary key is the user and its time column the signup. */
  readonly model: string;
  /** The model holding churn records: its userKey and time column. */
  readonly churnModel: string;
}

/** Users who signed up at least N days before the bucket's end and were not active in the N days ending there. */
export interface InactiveUsersMetric extends MetricBase {
  readonly kind: 'inactive_users';
  readonly model: string;
  readonly activityModel: string;
  readonly windowDays: number;
}

export interface RatioMetric extends MetricBase {
  readonly kind: 'ratio';
  readonly numerator: string;
  readonly denominator: string;
}

export interface DerivedMetric extends MetricBase {
  readonly kind: 'derived';
  readonly expr: DerivedExpr;
  /** The source text, for descriptions and errors. */
  readonly exprText: string;
}

/**
 * Sessions that start in the bucket (session_count) or their mean duration in
 * seconds (session_duration), from a model with a `sessions` config.
 */
export interface SessionMetric extends MetricBase {
  readonly kind: 'session_count' | 'session_duration';
  readonly model: string;
  /** Rows that count towards sessions (e.g. platform = ios). */
  readonly filter: FilterNode | null;
}

export type Metric =
  | AggregateMetric
  | SessionMetric
  | DailyMeanMetric
  | TrailingDistinctMetric
  | ChurnRateMetric
  | InactiveUsersMetric
  | RatioMetric
  | DerivedMetric;

export type MetricKind = Metric['kind'];

/** Metrics whose value is computed from rows of a model (everything but ratio and derived). */
export type BaseMetric = Exclude<Metric, RatioMetric | DerivedMetric>;

/**
 * Analyses (YAML `analyses:`): each is one GraphQL query field named after it
 * (camelCase), with arguments and result shape set by its kind (SPEC §5-§8).
 */
interface AnalysisBase {
  readonly name: string;
  readonly description: string;
  /** The users model: primary key is the user, time column the signup. */
  readonly usersModel: string;
  /** The model whose rows are activity: needs user_key and time. */
  readonly activityModel: string;
  readonly location: SourceLocation;
}

/** Cohort retention (SPEC §5). */
export interface RetentionAnalysis extends AnalysisBase {
  readonly kind: 'retention';
  /** Offsets returned when the request gives no `periods`. */
  readonly defaultPeriods: number;
}

/** Weekly (or any grain) lifecycle: new, retained, resurrected, dormant, churned (SPEC §6). */
export interface LifecycleAnalysis extends AnalysisBase {
  readonly kind: 'lifecycle';
}

/** Ordered funnels (SPEC §7). */
export interface FunnelAnalysis extends AnalysisBase {
  readonly kind: 'funnel';
  /** The dimension a step's `eventType` matches (event_type). */
  readonly stepDimension: string;
  readonly defaultWindowDays: number;
}

/** Conversion to a goal by signup cohort: size, converted, median days and sessions before the goal. */
export interface ConversionAnalysis extends AnalysisBase {
  readonly kind: 'conversion';
  /** The dimension `goalEventType` matches (event_type). */
  readonly goalDimension: string;
  /** The goal when the request names none (e.g. purchase). */
  readonly defaultGoal: string;
}

/** The users drill-down (SPEC §8). */
export interface UserListAnalysis extends AnalysisBase {
  readonly kind: 'user_list';
  /** The dimension that names a user's plan (plan). */
  readonly planDimension: string | null;
  readonly defaultInactiveAfterDays: number;
}

export type Analysis = RetentionAnalysis | LifecycleAnalysis | FunnelAnalysis | ConversionAnalysis | UserListAnalysis;
export type AnalysisKind = Analysis['kind'];

/**
 * Marts (YAML `marts:`): derived tables Pulse builds from an activity model and
 * keeps up to date on every load. Each is exact: an answer read from one equals
 * the answer from the raw tables (SPEC §10).
 */
export type MartGrain = 'day' | 'week' | 'month';
export type MartWeekStart = 'MONDAY' | 'SUNDAY';

interface MartBase {
  readonly name: string;
  readonly description: string;
  /** The activity model (user_key and time) it is derived from. */
  readonly model: string;
  /** The warehouse table: mart_<name>. */
  readonly table: string;
  /** sha256 of everything the mart's rows depend on (its definition and its model's): a change means rebuild. */
  readonly hash: string;
  readonly location: SourceLocation;
}

/** A mart with rows per local bucket: its grain, the timezones it keeps and (grain week) the week starts. */
interface BucketedMartBase extends MartBase {
  readonly grain: MartGrain;
  readonly timezones: readonly string[];
  /** For grain week; ['MONDAY'] otherwise (unused). */
  readonly weekStarts: readonly MartWeekStart[];
}

/** One row per session of the model (SPEC §3). */
export interface SessionsMart extends MartBase {
  readonly kind: 'sessions';
  readonly gapMinutes: number;
}

/** One row per user and local bucket (day, week or month) in each timezone (and week start). */
export interface UserActivityMart extends BucketedMartBase {
  readonly kind: 'user_activity';
  /** The sessions mart of the same model whose sessions it counts; null: no session columns. */
  readonly sessions: string | null;
}

/** One row per user over all time. */
export interface UserTotalsMart extends MartBase {
  readonly kind: 'user_totals';
  readonly sessions: string | null;
}

/**
 * Per bucket of a user_activity mart and value of each dimension: exact
 * distinct users (each user is in one group), events, sessions and seconds.
 */
export interface RollupMart extends BucketedMartBase {
  readonly kind: 'rollup';
  /** The user_activity mart it sums. */
  readonly source: string;
  /** Dimensions with one value per user, in declared order; each is column d_<name>. */
  readonly dimensions: readonly string[];
  /** Whether the source has session columns. */
  readonly sessions: string | null;
}

/** What marts computed from one user_activity mart share: its buckets. */
interface DerivedMartBase extends BucketedMartBase {
  readonly source: string;
}

/** Per bucket: active users, and of them new, retained and resurrected (SPEC §6). */
export interface LifecycleMart extends DerivedMartBase {
  readonly kind: 'lifecycle';
}

/** Per signup cohort bucket and later bucket: cohort members active in it (SPEC §5, signup cohorts). */
export interface RetentionMart extends DerivedMartBase {
  readonly kind: 'retention';
  readonly usersModel: string;
}

/** Per local day and window: distinct users active in the window's days ending that day. */
export interface TrailingMart extends DerivedMartBase {
  readonly kind: 'trailing';
  readonly windows: readonly number[];
}

/**
 * Per local bucket of signup and first churn, and value of each user
 * dimension: the users who signed up in it, whose first churn is in it, and
 * who did both (churn_rate, SPEC §4). Its model is the users model.
 */
export interface ChurnMart extends BucketedMartBase {
  readonly kind: 'churn';
  /** The churn records model whose earliest time per user is the user's first churn. */
  readonly churnModel: string;
  /** Dimensions with one value per user, in declared order; each is column d_<name>. */
  readonly dimensions: readonly string[];
}

export type Mart = SessionsMart | UserActivityMart | UserTotalsMart | RollupMart | LifecycleMart | RetentionMart | TrailingMart | ChurnMart;
export type MartKind = Mart['kind'];

export interface Catalog {
  readonly models: ReadonlyMap<string, SemanticModel>;
  readonly dimensions: ReadonlyMap<string, Dimension>;
  readonly metrics: ReadonlyMap<string, Metric>;
  readonly analyses: ReadonlyMap<string, Analysis>;
  /** Data tests (`data_tests:`), by name; `pulse check` runs them. */
  readonly dataTests: ReadonlyMap<string, DataTest>;
  /** Marts (`marts:`), by name, in the order they are built (a mart after the marts it reads). */
  readonly marts: ReadonlyMap<string, Mart>;
  /** sha256 of the normalised definitions: part of every cache key. */
  readonly hash: string;
}
