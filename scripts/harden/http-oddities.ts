import type { HttpRequest } from './client';
import type { Rng } from './prng';

/**
 * Requests a GraphQL endpoint gets from broken clients, proxies and
 * scanners: bodies that are not JSON or not an object, wrong content types,
 * GET with query parameters (with and without the CSRF preflight header),
 * other methods, batches, oversized bodies, missing or bogus credentials.
 */
export function httpOddity(rng: Rng, key: string, document: string): { kind: string; request: HttpRequest } {
  const auth = { authorization: `Bearer ${key}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const post = (body: string | Uint8Array, headers: Record<string, string> = json, path = '/graphql'): HttpRequest => ({ method: 'POST', path, headers, body });
  const get = (params: Record<string, string>, headers: Record<string, string> = auth): HttpRequest => ({
    method: 'GET',
    path: `/graphql?${new URLSearchParams(params).toString()}`,
    headers,
  });
  const body = JSON.stringify({ query: document });
  const make: Record<string, () => HttpRequest> = {
    invalidJson: () => post(body.slice(0, rng.int(1, body.length - 1))),
    notJsonAtAll: () => post(rng.pick(['query', '{', 'undefined', "{'query': '{ catalog { version } }'}", 'NaN'])),
    jsonArray: () => post(`[${body},${body}]`),
    jsonScalar: () => post(rng.pick(['42', '"{ catalog { version } }"', 'null', 'true'])),
    emptyObject: () => post('{}'),
    emptyBody: () => post(''),
    queryNotString: () => post(JSON.stringify({ query: rng.pick([123, null, ['{ catalog { version } }'], { a: 1 }, true]) })),
    variablesNotObject: () => post(JSON.stringify({ query: document, variables: rng.pick(['x', 1, [1], true]) })),
    extensionsGarbage: () => post(JSON.stringify({ query: document, extensions: rng.pick(['x', [1], { persistedQuery: { version: 1, sha256Hash: 'deadbeef' } }, { persistedQuery: 'x' }]) })),
    persistedHashOnly: () => post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })),
    unknownOperation: () => post(JSON.stringify({ query: document, operationName: rng.pick(['Nope', '', 'a'.repeat(5000)]) })),
    textPlain: () => post(body, { ...auth, 'content-type': 'text/plain' }),
    formEncoded: () => post(`query=${encodeURIComponent(document)}`, { ...auth, 'content-type': 'application/x-www-form-urlencoded' }),
    applicationGraphql: () => post(document, { ...auth, 'content-type': 'application/graphql' }),
    noContentType: () => post(body, auth),
    jsonUtf16: () => post(body, { ...json, 'content-type': 'application/json; charset=utf-16' }),
    bom: () => post(`\ufeff${body}`),
    invalidUtf8: () => post(new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0xfe, 0xc3, 0x28, 0x7d])),
    rootPath: () => post(body, json, '/'),
    getNoPreflight: () => get({ query: document }),
    getPreflight: () => get({ query: document }, { ...auth, 'apollo-require-preflight': 'true' }),
    getBadVariables: () => get({ query: document, variables: rng.pick(['{', 'x', '[1]']) }, { ...auth, 'apollo-require-preflight': 'true' }),
    getNoQuery: () => get({}, { ...auth, 'apollo-require-preflight': 'true' }),
    getMutation: () => get({ query: 'mutation { x }' }, { ...auth, 'apollo-require-preflight': 'true' }),
    otherMethod: () => ({ method: rng.pick(['PUT', 'PATCH', 'DELETE']), path: '/graphql', headers: json, body }),
    oversized: () => post(JSON.stringify({ query: document, variables: { pad: 'x'.repeat(rng.pick([262_144, 1_000_000])) } })),
    noAuth: () => post(body, { 'content-type': 'application/json' }),
    basicAuth: () => post(body, { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' }),
    bogusKey: () => post(body, { authorization: `Bearer ${rng.pick(['x', 'pulse_', `pulse_000000000000_${'a'.repeat(32)}`, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.'])}`, 'content-type': 'application/json' }),
    emptyBearer: () => post(body, { authorization: 'Bearer ', 'content-type': 'application/json' }),
  };
  const kind = rng.pick(Object.keys(make));
  const request = make[kind]?.();
  if (!request) throw new Error(`no oddity ${kind}`);
  return { kind, request };
}
