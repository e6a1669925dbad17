import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { UserListAnalysis } from '../catalog/types';
import { compileUserList, userListPage, type UserListQuery, type UserRecord } from '../execution';
import { QueryError } from '../util/errors';
import { camelCase } from '../util/names';
import { formatInstant } from '../util/time-format';
import type { CatalogTypes } from './catalog-types';
import { statementOf, type PulseContext } from './context';
import { resultMeta } from './result-meta';
import { toFilterNode } from './filter-input';
import { DateTimeScalar } from './scalars';
import { SortDirection } from './static-types';
import { USER_DIMENSION_FIELDS, UserConnection, UserOrder, UserOrderField, UserStatus, type User } from './users-types';

/** The users drill-down (SPEC §8): one Query field per user_list analysis, named camelCase(analysis.name). */
export function createUsersResolver(analysis: UserListAnalysis, types: CatalogTypes): new () => object {
  @Resolver()
  class UsersResolver {
    @Query(() => UserConnection, { name: camelCase(analysis.name), description: analysis.description || undefined })
    async users(
      @Arg('asOf', () => DateTimeScalar, { nullable: true, description: 'Default now. Later signups and events do not exist.' }) asOf: Date | null,
      @Arg('inactiveAfterDays', () => Int, { nullable: true, description: `ACTIVE window in 24-hour days; default ${analysis.defaultInactiveAfterDays}.` })
      inactiveAfterDays: number | null,
      @Arg('status', () => UserStatus, { nullable: true }) status: UserStatus | null,
      @Arg('where', () => types.DimensionFilter, { nullable: true, description: 'User dimensions only.' }) where: unknown,
      @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 1000; default 50.' }) first: number | null,
      @Arg('after', () => String, { nullable: true, description: 'An edge cursor (or endCursor) of the previous page.' }) after: string | null,
      @Arg('orderBy', () => UserOrder, { nullable: true, description: 'Default SIGNUP_AT DESC.' }) orderBy: UserOrder | null,
      @Arg('timezone', () => String, { nullable: true, description: 'IANA name for DateTime outputs and calendar dimensions; default UTC.' })
      timezone: string | null,
      @Ctx() context: PulseContext,
    ): Promise<UserConnection> {
      const query: UserListQuery = {
        asOf: asOf ?? new Date(),
        inactiveAfterDays: inactiveAfterDays ?? null,
        status: status ?? null,
        where: toFilterNode(context.catalog, where),
        first: first ?? null,
        after: after ?? null,
        orderBy: orderBy ? { field: orderField(analysis, orderBy.field), direction: orderBy.direction ?? SortDirection.ASC } : null,
        timezone: timezone ?? 'UTC',
      };
      const compiled = await context.compile((options) => compileUserList(context.catalog, analysis, query, options));
      const answer = await context.statements.load(statementOf(compiled));
      const page = userListPage(compiled, answer.rows);
      const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: toUser(edge.node, query.timezone) }));
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: query.after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        totalCount: page.totalCount,
        sql: answer.sql,
        cached: answer.cached,
        meta: resultMeta(answer.meta, query.timezone),
      };
    }
  }
  return UsersResolver;
}

/** PLAN orders by the analysis's plan dimension; the other dimension fields by the dimension of their name. */
function orderField(analysis: UserListAnalysis, field: UserOrderField): string {
  if (field !== UserOrderField.PLAN) return field;
  if (analysis.planDimension === null) throw new QueryError('orderBy', `analysis ${analysis.name} has no plan dimension to order by.`);
  return analysis.planDimension;
}

function toUser(user: UserRecord, timezone: string): User {
  const dimension = (name: string): string | null => user.dimensions[name] ?? null;
  return {
    userId: user.userId,
    signupAt: formatInstant(user.signupAt, timezone),
    country: dimension(USER_DIMENSION_FIELDS.country),
    region: dimension(USER_DIMENSION_FIELDS.region),
    city: dimension(USER_DIMENSION_FIELDS.city),
    acquisitionSource: dimension(USER_DIMENSION_FIELDS.acquisitionSource),
    plan: user.plan,
    totalEvents: user.totalEvents,
    lastActiveAt: user.lastActiveAt === null ? null : formatInstant(user.lastActiveAt, timezone),
    daysSinceSignup: user.daysSinceSignup,
    daysSinceLastActive: user.daysSinceLastActive,
    status: user.status as UserStatus,
  };
}
