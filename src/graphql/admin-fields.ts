import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { AuthError } from '../auth';
import type { PulseContext } from './context';

/** Fields answered to admins only (SPEC §11): the SQL that answered shows other tenants' table shapes and values. */
const ADMIN_FIELDS = new Set(['sql']);

/**
 * Wraps every object field named in ADMIN_FIELDS, whatever type declares it,
 * so a result type added later cannot forget the check.
 */
export function guardAdminFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!ADMIN_FIELDS.has(field.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: PulseContext, info) => {
        if (context.principal.role !== 'admin') throw new AuthError('FORBIDDEN', `${type.name}.${field.name} is answered to admins only`);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
