import type { UserListAnalysis } from '../../src/catalog/types';
import { compileUserList, type UserListQuery } from '../../src/compiler/users';
import { encodeCursor } from '../../src/compiler/users/cursor';
import { displaySql } from '../../src/execution';
import { realCatalog } from '../support/api';

// Pure compilation, no database: readable SQL for the main cases.
const base: UserListQuery = {
  asOf: new Date('2026-03-01T00:00:00Z'),
  inactiveAfterDays: null,
  status: null,
  where: null,
  first: null,
  after: null,
  orderBy: null,
  timezone: 'UTC',
};

async function compile(overrides: Partial<UserListQuery>) {
  const catalog = await realCatalog();
  const analysis = catalog.analyses.get('users') as UserListAnalysis;
  return compileUserList(catalog, analysis, { ...base, ...overrides });
}

test('default: every user as of asOf, newest signup first', async () => {
  const compiled = await compile({});
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('status, a plan filter, and the page after a never-active user by lastActiveAt', async () => {
  const orderBy = { field: 'last_active_at', direction: 'DESC' } as const;
  const compiled = await compile({
    status: 'NEVER_ACTIVE',
    inactiveAfterDays: 14,
    where: { dimensions: new Map([['plan', { eq: 'Free' }]]), and: [], or: [] },
    orderBy,
    first: 2,
    after: encodeCursor(orderBy, { key: null, userId: 'a6' }),
  });
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('the page after a text key', async () => {
  const orderBy = { field: 'country', direction: 'ASC' } as const;
  const compiled = await compile({ orderBy, after: encodeCursor(orderBy, { key: 'DE', userId: 'a5' }) });
  expect(displaySql(compiled.sql, compiled.parameters)).toMatchSnapshot();
});

test('request values are bound, never spliced; compiling is pure', async () => {
  const hostile = "x' OR 1=1 --";
  const orderBy = { field: 'city', direction: 'ASC' } as const;
  const query = { where: { dimensions: new Map([['country', { eq: hostile }]]), and: [], or: [] }, orderBy, after: encodeCursor(orderBy, { key: hostile, userId: hostile }) };
  const a = await compile(query);
  const b = await compile(query);
  expect(a.sql).not.toContain(hostile);
  // The filter value, the cursor's key (compared twice) and its user id.
  expect(a.parameters.filter((p) => p === hostile)).toHaveLength(4);
  expect(a.sql).toBe(b.sql);
  expect(a.parameters).toEqual(b.parameters);
});
