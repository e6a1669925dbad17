import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import { AuthError, LOCAL_ADMIN } from '../../src/auth';
import { buildPulseSchema } from '../../src/graphql';
import { realCatalog } from '../support/api';

// Every `sql` field, of every result type the schema has now or gets later, is answered to admins only.
test('each sql field refuses a viewer with FORBIDDEN and answers an admin', async () => {
  const schema = buildPulseSchema(await realCatalog());
  const guarded: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const field = type.getFields().sql;
    if (!field?.resolve) continue;
    const info = { fieldName: 'sql' } as GraphQLResolveInfo;
    const viewer = { principal: { name: 'v', role: 'viewer', tenant: 't1', via: 'key' } };
    expect(() => field.resolve?.({ sql: 'SELECT 1' }, {}, viewer, info)).toThrow(AuthError);
    expect(field.resolve({ sql: 'SELECT 1' }, {}, { principal: LOCAL_ADMIN }, info)).toBe('SELECT 1');
    guarded.push(type.name);
  }
  expect(guarded).toEqual(expect.arrayContaining(['MetricResult', 'RetentionResult', 'LifecycleResult', 'FunnelResult', 'UserConnection']));
  // No type declares sql without the guard.
  const all = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && t.getFields().sql !== undefined);
  expect(all.map((t) => t.name).sort()).toEqual([...guarded].sort());
});
