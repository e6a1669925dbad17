import type { GraphQLSchema } from 'graphql';
import type { HttpRequest } from './client';
import { malformedDocument, schemaDocument, variablesDocument, type GraphQLBody } from './documents';
import { httpOddity } from './http-oddities';
import { caseRng } from './prng';
import { validDocument } from './valid-queries';
import type { Vocabulary } from './vocabulary';

/**
 * Fuzz case number i under a seed: which kind, which principal, and the HTTP
 * request. Each case has its own PRNG stream, so case i is the same whatever
 * the other cases are, and a failing one can be regenerated alone.
 */

export interface FuzzCase {
  readonly index: number;
  readonly kind: string;
  /** Whose key: a viewer without a tenant, or tenant t1's viewer. */
  readonly principal: 'viewer' | 'tenant';
  readonly request: HttpRequest;
}

export interface FuzzKeys {
  readonly viewer: string;
  readonly viewerT1: string;
}

const KINDS = [
  ['valid', 25],
  ['schema', 32],
  ['wildArgs', 15],
  ['variables', 12],
  ['malformed', 9],
  ['http', 7],
] as const;

export function fuzzCase(seed: number, index: number, schema: GraphQLSchema, v: Vocabulary, keys: FuzzKeys): FuzzCase {
  const rng = caseRng(seed, index);
  const principal = rng.chance(0.25) ? 'tenant' : 'viewer';
  const key = principal === 'tenant' ? keys.viewerT1 : keys.viewer;
  const kind = rng.weighted(KINDS);
  const ctx = { rng, v, wild: kind === 'wildArgs' ? 0.25 : 0.02 };
  const post = (body: GraphQLBody): HttpRequest => ({
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  switch (kind) {
    case 'valid':
      return { index, kind, principal, request: post({ query: validDocument(rng, v, 3) }) };
    case 'schema':
    case 'wildArgs':
      return { index, kind, principal, request: post(schemaDocument(ctx, schema)) };
    case 'variables':
      return { index, kind, principal, request: post(variablesDocument(ctx, schema)) };
    case 'malformed':
      return { index, kind, principal, request: post(malformedDocument(ctx, schema)) };
    case 'http': {
      const oddity = httpOddity(rng, key, validDocument(rng, v, 1));
      return { index, kind: `http:${oddity.kind}`, principal, request: oddity.request };
    }
  }
}
