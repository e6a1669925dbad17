import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { PulseContext } from './context';

/** One finished GraphQL request, for the request log and the latency metrics. */
export interface RequestEntry {
  readonly requestId: string;
  /** Who asked: the key name or JWT sub (never the token), and their tenant. */
  readonly principal: string;
  readonly tenant: string | null;
  /** The root fields asked for (field names, not aliases). */
  readonly fields: readonly string[];
  readonly ms: number;
  /** Error codes of the answer, [] when it has none. */
  readonly errors: readonly string[];
  /** Statements run for it: how many, how many from a cache, warehouse time, rows, and `raw` or the marts read. */
  readonly statements: number;
  readonly cacheHits: number;
  readonly sqlMs: number;
  readonly rows: number;
  readonly sources: readonly string[];
}

/**
 * Times each request and reports it when its response is ready; the request
 * id comes from an `x-request-id` header or is made here, and is returned in
 * the same header so a client can quote it.
 */
export function requestLogPlugin(report: (entry: RequestEntry) => void): ApolloServerPlugin<PulseContext> {
  return {
    async requestDidStart(start) {
      const started = performance.now();
      const requestId = start.request.http?.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
      return {
        async willSendResponse({ contextValue, operation, response }) {
          response.http.headers.set('x-request-id', requestId);
          const fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) ?? [];
          // The formatted errors, as the client gets them (formatError has given each its code).
          const formatted = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = formatted.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          report({
            requestId,
            principal: contextValue.principal.name,
            tenant: contextValue.principal.tenant,
            fields: [...new Set(fields)],
            ms: Math.round((performance.now() - started) * 100) / 100,
            errors: [...new Set(codes)],
            ...contextValue.tally.summary(),
          });
        },
      };
    },
  };
}
