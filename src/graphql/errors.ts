import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ComplexityError } from './limits';
import { ExecutionError, QueryError, RequestRefusal } from '../util/errors';

export interface ErrorLogger {
  error(details: object, message: string): void;
}

/**
 * Map our error classes to `extensions.code`; mask everything unexpected as
 * INTERNAL_SERVER_ERROR (logged with its cause). No SQL or stack reaches clients.
 */
export function createErrorFormatter(logger: ErrorLogger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof QueryError) {
      return { ...base, message: original.message, extensions: { code: 'BAD_USER_INPUT', argumentName: original.argument } };
    }
    // Apollo wraps validation errors as GRAPHQL_VALIDATION_FAILED; ours keep their code.
    if (original instanceof GraphQLError && original.originalError instanceof ComplexityError) {
      return { ...base, message: original.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    // AuthError (FORBIDDEN in a resolver) and the executor's rows-per-answer refusal.
    if (original instanceof RequestRefusal) {
      return { ...base, message: original.message, extensions: { code: original.code } };
    }
    if (original instanceof ExecutionError) {
      logger.error({ err: original.cause ?? original }, original.message);
      return { ...base, message: original.message, extensions: { code: original.code } };
    }
    // Apollo's and graphql-js's refusals of the request itself (a malformed persistedQuery extension, an
    // operation type the schema has none of) carry no code: they are the client's, not internal.
    if (original instanceof GraphQLError && original.originalError === undefined && original.extensions?.code === undefined && isRequestProblem(original)) {
      return { ...base, message: original.message, extensions: { code: 'BAD_REQUEST' } };
    }
    const code = formatted.extensions?.code;
    // Apollo's own codes (parse, validation, bad input coercion) are safe as they are.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original }, 'unexpected error');
    return {
      ...base,
      message: development && original instanceof Error ? original.message : 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

function isRequestProblem(error: GraphQLError): boolean {
  const http = error.extensions?.http as { status?: number } | undefined;
  return (http?.status !== undefined && http.status >= 400 && http.status < 500) || /^Schema is not configured to execute \w+ operation/.test(error.message);
}
