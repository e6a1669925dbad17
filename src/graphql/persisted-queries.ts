import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { sha256 } from '../catalog';
import type { PulseContext } from './context';

/** The allow-list: a document's SHA-256 (hex, of its exact text) to the document. */
export type PersistedQueries = ReadonlyMap<string, string>;

// Apollo's persisted query manifest, as @apollo/generate-persisted-query-manifest writes it.
const ManifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string(), name: z.string().optional(), type: z.string().optional(), body: z.string().min(1) })),
});

/** Reads a manifest; every problem names the file and the operation. */
export function parseManifest(text: string, file: string): PersistedQueries {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file}: not an Apollo persisted query manifest: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  }
  const list = new Map<string, string>();
  parsed.data.operations.forEach((op, i) => {
    if (op.id !== sha256(op.body)) throw new Error(`${file}: operations.${i} (${op.name ?? 'unnamed'}): id is not the SHA-256 of its body (${sha256(op.body)})`);
    list.set(op.id, op.body);
  });
  return list;
}

/** A manifest of these documents (`pulse persisted-queries`), each its exact text. */
export function buildManifest(documents: ReadonlyArray<{ readonly name: string; readonly body: string }>): string {
  const operations = documents.map(({ name, body }) => ({ id: sha256(body), name, type: 'query', body }));
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}

/**
 * Allow-list mode (PULSE_PERSISTED_QUERIES): a principal other than an admin
 * may run only the listed documents, sent by hash (Apollo's persistedQuery
 * extension, no text) or as their exact text; anything else is FORBIDDEN
 * before it runs. Admins keep ad-hoc queries (the explorer, GraphiQL).
 */
export function persistedQueriesPlugin(list: PersistedQueries): ApolloServerPlugin<PulseContext> {
  return {
    async requestDidStart({ request }) {
      const hash: unknown = request.extensions?.persistedQuery?.sha256Hash;
      // Apollo reads the text after this hook: a listed hash needs no registration round trip,
      // and without the extension Apollo does not store the listed text again on every request.
      const listed = request.query === undefined && typeof hash === 'string' ? list.get(hash) : undefined;
      if (listed !== undefined) {
        request.query = listed;
        const { persistedQuery: _listed, ...rest } = request.extensions ?? {};
        request.extensions = rest;
      }
      return {
        async didResolveOperation({ contextValue, queryHash }) {
          if (contextValue.principal.role === 'admin' || list.has(queryHash)) return;
          throw new GraphQLError('this document is not in the persisted query allow-list (PULSE_PERSISTED_QUERIES); ask the host product to add it', {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        },
      };
    },
  };
}
