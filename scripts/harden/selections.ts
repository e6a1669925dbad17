import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import type { Rng } from './prng';

/**
 * A random selection set of an output type, walked from the schema: some of
 * its fields (objects recursed into), and now and then what validation must
 * refuse: an unknown field, arguments on a field that takes none, a
 * sub-selection on a leaf, an object field left without one.
 */
export function selection(rng: Rng, type: GraphQLObjectType, depth = 0): string {
  const fields = Object.values(type.getFields());
  const parts = rng.some(fields, 1, Math.min(fields.length, 8)).map((field) => {
    const named = getNamedType(field.type);
    const alias = rng.chance(0.04) ? `${field.name}_${rng.int(0, 9)}: ` : '';
    if (isObjectType(named)) return rng.chance(0.02) ? field.name : `${alias}${field.name} ${selection(rng, named, depth + 1)}`;
    if (rng.chance(0.01)) return `${field.name} { nope }`;
    if (rng.chance(0.01)) return `${field.name}(bogus: 1)`;
    return `${alias}${field.name}`;
  });
  if (rng.chance(0.04)) parts.push(rng.pick(['nope', 'password', 'tenantId', 'userid', 'SELECT', '_x', 'constructor', '__proto__']));
  if (rng.chance(0.04)) parts.push('__typename');
  if (rng.chance(0.01)) parts.push(`... on ${type.name} { __typename }`);
  if (rng.chance(0.01)) parts.push(`${parts[0] ?? '__typename'} @skip(if: ${rng.pick(['true', 'false', '"yes"', '$nope'])})`);
  if (rng.chance(0.005)) parts.push('__typename @nonsense');
  return `{ ${parts.join(' ')} }`;
}
