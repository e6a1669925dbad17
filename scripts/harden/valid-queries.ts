import { Enum, printField, type Value } from './gql';
import type { Rng } from './prng';
import type { Vocabulary } from './vocabulary';

/**
 * Random queries that should all answer (metrics, retention, lifecycle,
 * funnel, conversion, users): real metrics with dimensions they reach,
 * values from the data, days in its range. No `sql` (viewers may not have
 * it); `meta` is asked for, and stripped before answers are compared.
 */

export interface RootField {
  readonly name: string;
  readonly args: Record<string, Value>;
  readonly selection: string;
}

export const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'] as const;
const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A range inside the data (at most `maxDays` long), sometimes reaching a few days past either end. */
export function timeRange(rng: Rng, v: Vocabulary, maxDays = 400): { from: string; to: string } {
  const span = daysBetween(v.firstDay, v.lastDay);
  const start = rng.int(-3, span);
  const length = rng.int(0, Math.min(maxDays - 1, span - start + 3));
  return { from: addDays(v.firstDay, start), to: addDays(v.firstDay, start + length) };
}

/** An instant at or after the data's end, or inside it. */
export function asOf(rng: Rng, v: Vocabulary): string {
  const day = rng.chance(0.6) ? addDays(v.lastDay, 1) : addDays(v.firstDay, rng.int(0, daysBetween(v.firstDay, v.lastDay) + 1));
  return `${day}T${String(rng.int(0, 23)).padStart(2, '0')}:00:00Z`;
}

const upperSnake = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function valuesOf(v: Vocabulary, dimension: string): readonly string[] {
  const values = v.values.get(dimension) ?? [];
  return values.length > 0 ? values : ['none'];
}

/** One StringFilter on a dimension, with values from the data. */
function stringFilter(rng: Rng, v: Vocabulary, dimension: string): Value {
  const values = valuesOf(v, dimension);
  const one = () => rng.pick(values);
  switch (rng.weighted([['eq', 4], ['neq', 2], ['in', 3], ['notIn', 1], ['contains', 1], ['isNull', 0.5]] as const)) {
    case 'eq':
      return { eq: one() };
    case 'neq':
      return { neq: one() };
    case 'in':
      return { in: rng.some(values, 1, 3) };
    case 'notIn':
      return { notIn: rng.some(values, 1, 2) };
    case 'contains':
      return { contains: one().slice(0, rng.int(1, 3)) };
    case 'isNull':
      return { isNull: false };
  }
}

/** A where over these dimensions: one or two terms, sometimes under OR / AND. */
export function where(rng: Rng, v: Vocabulary, dimensions: readonly string[]): Value {
  const terms = rng.some(dimensions, 1, 2).map((d) => ({ [d]: stringFilter(rng, v, d) }));
  if (terms.length === 2 && rng.chance(0.4)) return { [rng.pick(['OR', 'AND'])]: terms };
  return Object.assign({}, ...terms) as Value;
}

function zoneArgs(rng: Rng, args: Record<string, Value>, weekStart: boolean): void {
  if (rng.chance(0.3)) args.timezone = rng.pick(ZONES);
  if (weekStart && rng.chance(0.3)) args.weekStart = new Enum(rng.pick(['MONDAY', 'SUNDAY']));
}

export function metricsField(rng: Rng, v: Vocabulary): RootField {
  const metrics = rng.some(v.metrics, 1, 4);
  const reachable = v.dimensions.filter((d) => metrics.every((m) => v.reach.get(m)?.includes(d)));
  const dimensions = reachable.length > 0 && rng.chance(0.5) ? rng.some(reachable, 1, 2) : [];
  const grain = rng.weighted([[null, 2], ['DAY', 3], ['WEEK', 3], ['MONTH', 2], ['QUARTER', 0.5], ['HOUR', 0.5]] as const);
  const args: Record<string, Value> = { timeRange: timeRange(rng, v, grain === 'HOUR' ? 3 : 400) };
  if (grain) args.grain = new Enum(grain);
  zoneArgs(rng, args, grain === 'WEEK');
  if (reachable.length > 0 && rng.chance(0.35)) args.where = where(rng, v, reachable);
  if (rng.chance(0.1)) {
    const field = rng.pick([...metrics, ...dimensions, ...(grain ? ['period'] : [])]);
    args.orderBy = [{ field: new Enum(upperSnake(field)), direction: new Enum(rng.pick(['ASC', 'DESC'])) }];
    if (rng.chance(0.5)) args.limit = rng.int(1, 20);
  }
  const columns = [...(grain || rng.chance(0.3) ? ['period'] : []), ...dimensions, ...metrics];
  return { name: 'metrics', args, selection: `{ rows { ${columns.join(' ')} } meta { source } }` };
}

export function retentionField(rng: Rng, v: Vocabulary): RootField {
  const grain = rng.pick(['DAY', 'WEEK', 'MONTH']);
  const args: Record<string, Value> = { timeRange: timeRange(rng, v), grain: new Enum(grain), periods: rng.int(1, 8), asOf: asOf(rng, v) };
  if (rng.chance(0.4)) args.cohort = new Enum(rng.pick(['SIGNUP', 'FIRST_ACTIVITY']));
  zoneArgs(rng, args, grain === 'WEEK');
  if (rng.chance(0.3)) args.breakdown = new Enum(upperSnake(rng.pick(v.userDimensions)));
  if (rng.chance(0.3)) args.where = where(rng, v, rng.chance(0.7) ? v.userDimensions : v.activityDimensions);
  return { name: 'retention', args, selection: '{ cohorts { cohort breakdown size periods { offset periodStart retained rate } } meta { source } }' };
}

export function lifecycleField(rng: Rng, v: Vocabulary): RootField {
  const grain = rng.pick(['DAY', 'WEEK', 'MONTH']);
  const args: Record<string, Value> = { timeRange: timeRange(rng, v), grain: new Enum(grain) };
  zoneArgs(rng, args, grain === 'WEEK');
  if (rng.chance(0.3)) args.where = where(rng, v, v.activityDimensions);
  return { name: 'lifecycle', args, selection: '{ periods { period new retained resurrected dormant churned } meta { source } }' };
}

export function funnelField(rng: Rng, v: Vocabulary): RootField {
  const steps: Value[] = Array.from({ length: rng.int(2, 4) }, () => {
    const step: Record<string, Value> = { eventType: rng.pick(v.eventTypes) };
    if (rng.chance(0.15)) step.where = where(rng, v, v.activityDimensions.filter((d) => d !== 'eventType'));
    return step;
  });
  const args: Record<string, Value> = { steps, timeRange: timeRange(rng, v) };
  if (rng.chance(0.5)) args.windowDays = rng.int(1, 14);
  zoneArgs(rng, args, false);
  if (rng.chance(0.3)) args.breakdown = new Enum(upperSnake(rng.pick(v.activityDimensions)));
  if (rng.chance(0.2)) args.where = where(rng, v, v.userDimensions);
  return { name: 'funnel', args, selection: '{ windowDays steps { index eventType breakdown users conversionRate stepConversionRate } meta { source } }' };
}

export function conversionField(rng: Rng, v: Vocabulary): RootField {
  const args: Record<string, Value> = { timeRange: timeRange(rng, v), asOf: asOf(rng, v) };
  if (rng.chance(0.5)) args.grain = new Enum(rng.pick(['DAY', 'WEEK', 'MONTH']));
  if (rng.chance(0.6)) args.goalEventType = rng.pick(v.eventTypes);
  if (rng.chance(0.4)) args.windowDays = rng.int(1, 30);
  zoneArgs(rng, args, args.grain instanceof Enum && args.grain.name === 'WEEK');
  if (rng.chance(0.3)) args.where = where(rng, v, v.userDimensions);
  return {
    name: 'conversion',
    args,
    selection: '{ goalEventType cohorts { cohort size converted conversionRate medianDaysToConvert medianSessionsBeforeConvert } meta { source } }',
  };
}

export function usersField(rng: Rng, v: Vocabulary): RootField {
  const args: Record<string, Value> = { asOf: asOf(rng, v), first: rng.int(1, 200) };
  if (rng.chance(0.3)) args.status = new Enum(rng.pick(['ACTIVE', 'INACTIVE', 'NEVER_ACTIVE']));
  if (rng.chance(0.3)) args.inactiveAfterDays = rng.int(1, 60);
  if (rng.chance(0.3)) args.where = where(rng, v, v.userDimensions);
  if (rng.chance(0.3)) {
    const field = rng.pick(['SIGNUP_AT', 'TOTAL_EVENTS', 'LAST_ACTIVE_AT', 'COUNTRY', 'PLAN', 'USER_ID', 'DAYS_SINCE_SIGNUP']);
    args.orderBy = { field: new Enum(field), direction: new Enum(rng.pick(['ASC', 'DESC'])) };
  }
  if (rng.chance(0.2)) args.timezone = rng.pick(ZONES);
  return {
    name: 'users',
    args,
    selection:
      '{ totalCount edges { cursor node { userId signupAt country region city acquisitionSource plan totalEvents lastActiveAt daysSinceSignup daysSinceLastActive status } } pageInfo { hasNextPage endCursor } meta { source } }',
  };
}

const MAKERS = [
  [metricsField, 4],
  [retentionField, 2],
  [lifecycleField, 1.5],
  [funnelField, 2],
  [conversionField, 1],
  [usersField, 1.5],
] as const;

export function validField(rng: Rng, v: Vocabulary): RootField {
  return rng.weighted(MAKERS)(rng, v);
}

/** A document of one to `max` valid root fields, aliased f0, f1, ... */
export function validDocument(rng: Rng, v: Vocabulary, max = 1): string {
  const fields = Array.from({ length: rng.int(1, max) }, () => validField(rng, v));
  return `{ ${fields.map((f, i) => printField(f.name, f.args, f.selection, `f${i}`)).join(' ')} }`;
}
