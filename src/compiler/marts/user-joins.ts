import { sql, type RawBuilder } from 'kysely';
import type { Catalog, Dimension, FilterNode, Mart } from '../../catalog/types';
import { joinsSql, model, modelsFor } from '../sources';
import { userModelOf } from './match-common';

/**
 * Mart rows carry the user, not the user's attributes: LEFT JOIN the users
 * model (aliased by its name, as dimension SQL expects) and what it joins to,
 * when the dimensions or filters read them. LEFT, as the raw path's joins:
 * a user missing from users keeps their rows, with null dimensions.
 */
export function userJoinsSql(catalog: Catalog, mart: Mart, alias: string, dimensions: readonly Dimension[], filters: readonly (FilterNode | null)[]): RawBuilder<unknown> {
  const needed = modelsFor(catalog, dimensions, filters);
  if (needed.size === 0) return sql``;
  const usersName = userModelOf(catalog, mart.model);
  if (usersName === null) throw new Error(`mart ${mart.name}: model ${mart.model} has no users model`);
  const users = model(catalog, usersName);
  needed.delete(users.name);
  return sql`LEFT JOIN ${sql.table(users.table)} AS ${sql.id(users.name)} ON ${sql.id(users.name, users.primaryKey)} = ${sql.id(alias, 'user_id')}
  ${joinsSql(catalog, users.name, needed)}`;
}
