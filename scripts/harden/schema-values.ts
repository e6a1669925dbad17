import { isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { Enum, type Value } from './gql';
import type { Rng } from './prng';
import { asOf, timeRange, ZONES } from './valid-queries';
import { garbage, hostileString, HOSTILE_NUMBERS, randomText } from './values';
import type { Vocabulary } from './vocabulary';

/**
 * An argument value for any input type of the schema: mostly what the type
 * and the data allow (dates in range, real event types, a dimension's own
 * values under its filter), and with probability `wild` at any level,
 * garbage of any shape instead.
 */

export interface ValueContext {
  readonly rng: Rng;
  readonly v: Vocabulary;
  /** Chance that a value (at any level) is garbage. */
  readonly wild: number;
}

export function inputValue(ctx: ValueContext, type: GraphQLInputType, name: string, dimension: string | null = null, depth = 0): Value {
  const { rng } = ctx;
  if (rng.chance(ctx.wild)) return garbage(rng);
  if (isNonNullType(type)) return inputValue(ctx, type.ofType, name, dimension, depth);
  if (isListType(type)) {
    const length = rng.weighted([[0, 1], [1, 4], [2, 3], [3, 2], [25, 0.2]] as const);
    return Array.from({ length }, () => inputValue(ctx, type.ofType, name, dimension, depth + 1));
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const isFilter = type.name === 'DimensionFilter';
    const out: Record<string, Value> = {};
    for (const field of fields) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      const p = isFilter ? 1.3 / fields.length : 0.4;
      if (required || (depth < 5 && rng.chance(p))) out[field.name] = inputValue(ctx, field.type, field.name, isFilter ? field.name : dimension, depth + 1);
    }
    return out;
  }
  if (isEnumType(type)) return new Enum(rng.pick(type.getValues()).name);
  return scalar(ctx, type.name, name, dimension);
}

function scalar(ctx: ValueContext, type: string, name: string, dimension: string | null): Value {
  const { rng, v } = ctx;
  switch (type) {
    case 'Date': {
      const range = timeRange(rng, v);
      return name === 'to' ? range.to : range.from;
    }
    case 'DateTime':
      return asOf(rng, v);
    case 'Int':
      return intFor(rng, name);
    case 'Float':
      return rng.next() * 100;
    case 'Boolean':
      return rng.chance(0.5);
    case 'JSONObject':
      return {};
    default:
      return stringFor(ctx, name, dimension);
  }
}

const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  periods: [1, 12],
  windowDays: [1, 30],
  first: [1, 100],
  limit: [1, 500],
  inactiveAfterDays: [1, 90],
};

function intFor(rng: Rng, name: string): number {
  const range = INT_RANGES[name];
  if (range && rng.chance(0.85)) return rng.int(range[0], range[1]);
  return rng.chance(0.5) ? rng.int(-5, 50) : rng.pick(HOSTILE_NUMBERS.filter(Number.isInteger));
}

function stringFor(ctx: ValueContext, name: string, dimension: string | null): string {
  const { rng, v } = ctx;
  if (name === 'timezone') return rng.chance(0.85) ? rng.pick(ZONES) : hostileString(rng);
  if ((name === 'eventType' || name === 'goalEventType') && v.eventTypes.length > 0 && rng.chance(0.85)) return rng.pick(v.eventTypes);
  if (name === 'after') return rng.chance(0.5) ? Buffer.from(randomText(rng, rng.int(1, 30))).toString('base64url') : hostileString(rng);
  const values = dimension === null ? undefined : v.values.get(dimension);
  if (values && values.length > 0 && rng.chance(0.8)) {
    const value = rng.pick(values);
    return name === 'contains' ? value.slice(0, rng.int(1, value.length)) : value;
  }
  return hostileString(rng);
}
