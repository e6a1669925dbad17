import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, ChurnMart, ChurnRateMetric, Dimension, FilterNode, Mart, RollupMart, TrailingMart, UserActivityMart } from '../../catalog/types';
import { camelCase } from '../../util/names';
import { filterDimensions } from '../dimension-sql';
import type { Grain, TimeSpec } from '../query';
import { RAW, type Source } from '../source';
import { epochDay, startsBucket } from '../time-range';
import { refuse, type Check, type Refusal } from './refusals';
import type { MartsState } from './state';

/** Where one step will read from, and why every other mart could not serve it. */
export interface Decision {
  readonly source: Source;
  readonly refusals: readonly Refusal[];
}

/** Built, from the current definition, at the current data version, and marts are on. */
export function availability(state: MartsState, mart: Mart): Check {
  if (!state.enabled) return refuse(mart.name, 'MARTS_OFF', 'marts are off (PULSE_MARTS=off)');
  const status = state.marts.get(mart.name);
  if (!status || status.hash !== mart.hash) return refuse(mart.name, 'NOT_BUILT', `${mart.table} is not built from the current definition; run pulse refresh`);
  if (status.dataVersion !== state.dataVersion) {
    return refuse(mart.name, 'STALE', `${mart.table} reflects data version ${status.dataVersion}, the warehouse is at ${state.dataVersion}`);
  }
  return null;
}

/** The smallest available candidate that passes `check`; raw, with every reason, when none does. */
export function choose(state: MartsState, candidates: readonly Mart[], check: (mart: Mart) => Check): Decision {
  const refusals: Refusal[] = [];
  const passed: Mart[] = [];
  for (const mart of candidates) {
    const refusal = availability(state, mart) ?? check(mart);
    if (refusal) refusals.push(refusal);
    else passed.push(mart);
  }
  const rows = (mart: Mart) => state.marts.get(mart.name)?.rows ?? Number.MAX_SAFE_INTEGER;
  const best = passed.sort((a, b) => rows(a) - rows(b))[0];
  return { source: best ? { kind: 'mart', mart: best } : RAW, refusals };
}

/** The model a model's user key joins to (events.user_id -> users): its dimensions have one value per user. */
export function userModelOf(catalog: Catalog, modelName: string): string | null {
  const model = catalog.models.get(modelName);
  if (!model || model.userKey === null) return null;
  if (model.joins.length === 0 && model.primaryKey === model.userKey) return model.name;
  return model.joins.find((join) => join.column === model.userKey)?.model ?? null;
}

/**
 * A mart keeps one row per user and bucket, so it can group and filter by a
 * dimension only when that has one value per user (country, plan; not
 * platform, which differs event by event).
 */
export function checkUserLevel(catalog: Catalog, mart: Mart, dimensions: readonly Dimension[], filters: readonly (FilterNode | null)[]): Check {
  const users = userModelOf(catalog, mart.model);
  const names = new Set(dimensions.map((d) => d.name));
  for (const filter of filters) if (filter) filterDimensions(filter, names);
  for (const name of names) {
    const dimension = catalog.dimensions.get(name);
    if (users === null || !dimension || !dimensionReachableFrom(catalog, dimension, users)) {
      return refuse(mart.name, 'DIMENSION', `dimension "${camelCase(name)}" is not one value per user, so ${mart.table} cannot group or filter by it`);
    }
  }
  return null;
}

/**
 * What time resolution a step needs from a user_activity mart:
 * - buckets: the query's (clipped) buckets, each a union of mart buckets;
 * - days: a row per user and local day (dau, trailing windows, inactive users);
 * - whole: whole buckets of `grain` (lifecycle, retention), each a union of mart buckets.
 */
export type TimeNeed =
  | { readonly kind: 'buckets'; readonly spec: TimeSpec }
  | { readonly kind: 'days'; readonly spec: TimeSpec }
  | { readonly kind: 'whole'; readonly spec: TimeSpec; readonly grain: Grain };

export function checkTime(mart: UserActivityMart | RollupMart | TrailingMart | ChurnMart, need: TimeNeed): Check {
  const { spec } = need;
  if (!mart.timezones.includes(spec.timezone)) return refuse(mart.name, 'TIMEZONE', `${mart.table} keeps ${mart.timezones.join(', ')}, not ${spec.timezone}`);
  const grain = need.kind === 'whole' ? need.grain : spec.grain;
  if (grain === 'HOUR') return refuse(mart.name, 'GRAIN', `hours are finer than ${mart.table}'s ${mart.grain}s`);
  if (need.kind === 'days' && mart.grain !== 'day') return refuse(mart.name, 'GRAIN', `needs a row per user and day; ${mart.table} has one per ${mart.grain}`);
  if (mart.grain === 'day') return null;
  if (mart.grain === 'week' && !mart.weekStarts.includes(spec.weekStart)) {
    return refuse(mart.name, 'WEEK_START', `${mart.table} keeps weeks starting ${mart.weekStarts.join(', ')}, not ${spec.weekStart}`);
  }
  const fits: readonly (Grain | null)[] = mart.grain === 'week' ? ['WEEK'] : ['MONTH', 'QUARTER', 'YEAR'];
  if (need.kind === 'whole') return fits.includes(grain) ? null : refuse(mart.name, 'GRAIN', `${grain} buckets are not made of ${mart.table}'s ${mart.grain}s`);
  if (grain !== null && !fits.includes(grain)) return refuse(mart.name, 'GRAIN', `${grain} buckets are not made of ${mart.table}'s ${mart.grain}s`);
  const unit = { grain: mart.grain === 'week' ? ('WEEK' as const) : ('MONTH' as const), weekStart: spec.weekStart };
  const from = epochDay(spec.timeRange.from) ?? 0;
  const to = epochDay(spec.timeRange.to) ?? 0;
  if (!startsBucket(from, unit) || !startsBucket(to + 1, unit)) {
    return refuse(mart.name, 'CLIPPED', `${spec.timeRange.from}..${spec.timeRange.to} does not start and end on ${mart.grain} boundaries, so its first or last bucket is clipped`);
  }
  return null;
}

/** The marts of one kind over one model, in catalog order. */
export function martsOf<K extends Mart['kind']>(catalog: Catalog, kind: K, model: string): Array<Extract<Mart, { kind: K }>> {
  return [...catalog.marts.values()].filter((m): m is Extract<Mart, { kind: K }> => m.kind === kind && m.model === model);
}

/** The user-activity step of lifecycle and retention: whole buckets of `grain`, activity narrowed by `filter`. */
export function matchUserActivity(catalog: Catalog, state: MartsState, model: string, spec: TimeSpec, grain: Grain, filter: FilterNode | null): Decision {
  return choose(state, martsOf(catalog, 'user_activity', model), (mart) =>
    mart.kind === 'user_activity' ? (checkTime(mart, { kind: 'whole', spec, grain }) ?? checkUserLevel(catalog, mart, [], [filter])) : null,
  );
}

/** Totals over all time equal totals up to asOf when nothing happened after asOf. */
export function matchUserTotals(catalog: Catalog, state: MartsState, model: string, asOf: Date): Decision {
  return choose(state, martsOf(catalog, 'user_totals', model), (mart) => {
    const latest = state.marts.get(mart.name)?.maxTime ?? null;
    if (latest === null || latest.getTime() <= asOf.getTime()) return null;
    return refuse(mart.name, 'AS_OF', `asOf ${asOf.toISOString()} is before the latest activity (${latest.toISOString()}) that ${mart.table} counts`);
  });
}

/** A rollup keeps only its dimensions: the query's groups and filters must be among them. */
export function checkRollupDimensions(mart: RollupMart | ChurnMart, dimensions: readonly Dimension[], filters: readonly (FilterNode | null)[]): Check {
  const names = new Set(dimensions.map((d) => d.name));
  for (const filter of filters) if (filter) filterDimensions(filter, names);
  const missing = [...names].find((name) => !mart.dimensions.includes(name));
  if (missing === undefined) return null;
  return refuse(mart.name, 'DIMENSION', `${mart.table} keeps ${mart.dimensions.length ? mart.dimensions.map(camelCase).join(', ') : 'no dimension'}, not "${camelCase(missing)}"`);
}

/** Distinct users cannot be summed across buckets: the query's buckets must be the rollup's, whole. */
export function checkSameBuckets(mart: RollupMart, spec: TimeSpec): Check {
  const same = (mart.grain === 'day' && spec.grain === 'DAY') || (mart.grain === 'week' && spec.grain === 'WEEK') || (mart.grain === 'month' && spec.grain === 'MONTH');
  if (same) return null;
  return refuse(mart.name, 'GRAIN', `distinct users per ${spec.grain ?? 'range'} are not a sum of ${mart.table}'s per-${mart.grain} counts`);
}

/** Lifecycle, retention and trailing marts count per their own bucket: the query's grain must be it, whole. */
function sameBucketGrain(mart: { name: string; table: string; grain: string }, grain: Grain): Check {
  const equal = (mart.grain === 'day' && grain === 'DAY') || (mart.grain === 'week' && grain === 'WEEK') || (mart.grain === 'month' && grain === 'MONTH');
  return equal ? null : refuse(mart.name, 'GRAIN', `${mart.table} counts per ${mart.grain}, not per ${grain}`);
}

function zoneKept(mart: { name: string; table: string; grain: string; timezones: readonly string[]; weekStarts: readonly string[] }, spec: TimeSpec): Check {
  if (!mart.timezones.includes(spec.timezone)) return refuse(mart.name, 'TIMEZONE', `${mart.table} keeps ${mart.timezones.join(', ')}, not ${spec.timezone}`);
  if (mart.grain === 'week' && !mart.weekStarts.includes(spec.weekStart)) {
    return refuse(mart.name, 'WEEK_START', `${mart.table} keeps weeks starting ${mart.weekStarts.join(', ')}, not ${spec.weekStart}`);
  }
  return null;
}

/** Lifecycle: a lifecycle mart of the grain, or the user-activity step from a user_activity mart. */
export function matchLifecycle(catalog: Catalog, state: MartsState, model: string, spec: TimeSpec, grain: Grain, filter: FilterNode | null): Decision {
  const candidates = [...martsOf(catalog, 'lifecycle', model), ...martsOf(catalog, 'user_activity', model)];
  return choose(state, candidates, (mart) => {
    if (mart.kind === 'lifecycle') {
      if (filter) return refuse(mart.name, 'DIMENSION', `${mart.table} counts all users: it cannot be filtered`);
      return zoneKept(mart, spec) ?? sameBucketGrain(mart, grain);
    }
    return mart.kind === 'user_activity' ? (checkTime(mart, { kind: 'whole', spec, grain }) ?? checkUserLevel(catalog, mart, [], [filter])) : null;
  });
}

export interface RetentionNeed {
  readonly spec: TimeSpec;
  readonly grain: Grain;
  readonly signupCohorts: boolean;
  /** Cohorts narrowed or split by user dimensions. */
  readonly byUsers: boolean;
  /** Activity narrowed by event dimensions. */
  readonly activityFilter: boolean;
  readonly asOf: Date;
}

/**
 * Retention: a retention mart (signup cohorts of all users, nothing after
 * asOf), or the members' activity from a user_activity mart.
 */
export function matchRetention(catalog: Catalog, state: MartsState, model: string, need: RetentionNeed): Decision {
  const candidates = [...martsOf(catalog, 'retention', model), ...martsOf(catalog, 'user_activity', model)];
  return choose(state, candidates, (mart) => {
    if (need.activityFilter) return refuse(mart.name, 'DIMENSION', 'activity is narrowed by a dimension of each event');
    if (mart.kind === 'retention') {
      if (!need.signupCohorts) return refuse(mart.name, 'METRIC', `${mart.table} keeps signup cohorts, not first-activity ones`);
      if (need.byUsers) return refuse(mart.name, 'DIMENSION', `${mart.table} counts whole cohorts: it cannot be filtered or broken down`);
      const latest = state.marts.get(mart.name)?.maxTime ?? null;
      if (latest !== null && latest.getTime() > need.asOf.getTime()) {
        return refuse(mart.name, 'AS_OF', `asOf ${need.asOf.toISOString()} is before the latest activity (${latest.toISOString()}) that ${mart.table} counts`);
      }
      return zoneKept(mart, need.spec) ?? sameBucketGrain(mart, need.grain);
    }
    return mart.kind === 'user_activity' ? checkTime(mart, { kind: 'whole', spec: need.spec, grain: need.grain }) : null;
  });
}

/** Trailing windows from a trailing mart: all users, a window it keeps, buckets of a day or more. */
export function checkTrailing(mart: TrailingMart, spec: TimeSpec, days: number, dimensions: readonly Dimension[], where: FilterNode | null): Check {
  if (!mart.windows.includes(days)) return refuse(mart.name, 'METRIC', `${mart.table} keeps windows of ${mart.windows.join(', ')} days, not ${days}`);
  if (dimensions.length > 0 || where) return refuse(mart.name, 'DIMENSION', `${mart.table} counts all users: it cannot be grouped or filtered`);
  return checkTime(mart, { kind: 'days', spec });
}

/**
 * churn_rate from a churn mart: its churn records, the query's buckets equal
 * to the mart's and whole (a bucket's users who signed up and churned in it
 * are not a sum over smaller buckets), dimensions and filters among its own.
 */
export function checkChurn(mart: ChurnMart, metric: ChurnRateMetric, spec: TimeSpec, dimensions: readonly Dimension[], where: FilterNode | null): Check {
  if (mart.churnModel !== metric.churnModel) return refuse(mart.name, 'OTHER_MODEL', `${mart.table} counts the churn records of ${mart.churnModel}, not ${metric.churnModel}`);
  if (spec.grain === null) return refuse(mart.name, 'GRAIN', `${mart.table} counts per ${mart.grain}; the query asks for the whole range as one bucket`);
  return checkTime(mart, { kind: 'buckets', spec }) ?? sameBucketGrain(mart, spec.grain) ?? checkRollupDimensions(mart, dimensions, [where]);
}
