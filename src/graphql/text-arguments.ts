import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit } from 'graphql';

/**
 * PostgreSQL text cannot hold U+0000: a NUL in any string argument (literal
 * or variable) would reach the warehouse only to fail there. Refused here,
 * for every field at once, as the user's input error it is.
 */
export function textArgumentsPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          let found = hasNul(request.variables);
          visit(document, {
            StringValue(node) {
              if (node.value.includes('\u0000')) found = true;
            },
          });
          if (found) throw new GraphQLError('text arguments cannot contain the NUL character (U+0000)', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        },
      };
    },
  };
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNul);
  return false;
}
