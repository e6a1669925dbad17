import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { ExecutionError, RequestRefusal } from '../util/errors';
import type { WebAssets } from './web-assets';

export interface HttpServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves GraphQL at /graphql and a liveness probe at /health. Apollo's own
 * HTTP handling is used through executeHTTPGraphQLRequest, so only routing is ours.
 * Generic over the context so a bare Apollo server (scripts/bench-warm.ts) is served the same way.
 * `context` authenticates the request: an AuthError it throws is answered
 * with its status (401, 403) and code before the body is read.
 */
export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  /** Larger request bodies get 413 PAYLOAD_TOO_LARGE (default 256 KiB). */
  readonly maxBodyBytes?: number;
  /** Origins a browser page may call from (CORS, preflight answered here); empty: same origin only. */
  readonly corsOrigins?: readonly string[];
  /** /metrics (Prometheus text) and /readyz (can this process answer: warehouse reachable, migrations applied). */
  readonly probes?: Probes;
  /** The dashboard at / and GraphiQL at /graphql for a browser's GET (default: none, the API only). */
  readonly web?: WebAssets;
}

export interface Probes {
  metrics(): Promise<string>;
  ready(): Promise<{ readonly ready: boolean } & Record<string, unknown>>;
}

export async function listen<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: http.IncomingMessage) => Promise<C>,
  options: ListenOptions,
): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    handle(apollo, context, options, req, res).catch(() => {
      res.statusCode = 500;
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: http.IncomingMessage) => Promise<C>,
  options: ListenOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (allowCors(req, res, options.corsOrigins ?? []) && req.method === 'OPTIONS') {
    res.statusCode = 204;
    res.end();
    return;
  }
  // Liveness: the process answers; it never waits for the warehouse.
  if (url.pathname === '/health' || url.pathname === '/healthz') {
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"ok"}');
    return;
  }
  if (options.probes && url.pathname === '/readyz') {
    const report = await options.probes.ready();
    res.statusCode = report.ready ? 200 : 503;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(report));
    return;
  }
  if (options.probes && url.pathname === '/metrics') {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(await options.probes.metrics());
    return;
  }
  // Pages and assets need no credentials: the page asks for a key, the API checks it.
  if (options.web?.serve(req, res, url.pathname)) return;
  if (url.pathname !== '/graphql' && url.pathname !== '/') {
    res.statusCode = 404;
    res.end('Not found: GraphQL is at /graphql');
    return;
  }
  // A GET without a query (curl of the address the terminal printed): say what to do, not Apollo's CSRF refusal.
  if ((req.method === 'GET' || req.method === 'HEAD') && !url.searchParams.has('query') && !url.searchParams.has('extensions')) {
    answerError(res, 400, 'BAD_REQUEST', 'No GraphQL query: POST {"query": "..."} as JSON to /graphql (or GET /graphql?query=...); open / in a browser for the dashboard, /graphql for GraphiQL');
    return;
  }
  let contextValue: C;
  try {
    contextValue = await context(req);
  } catch (error) {
    if (error instanceof ExecutionError) {
      // The warehouse could not tell who asks (API keys live there): 503, coded, retry later.
      answerError(res, 503, error.code, error.message, { 'retry-after': '1' });
      return;
    }
    if (!(error instanceof RequestRefusal)) throw error;
    refuse(res, error);
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  try {
    body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof RequestRefusal) {
      refuse(res, error);
      return;
    }
    answerError(res, 400, 'BAD_REQUEST', error instanceof Error ? error.message : 'bad request');
    return;
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => contextValue,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * CORS for listed origins: the response says the origin may read it, and a
 * preflight (OPTIONS) is answered here with the methods and headers a
 * GraphQL call uses. True when the request's origin is listed.
 */
function allowCors(req: http.IncomingMessage, res: http.ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || !(origins.includes(origin) || origins.includes('*'))) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, apollo-require-preflight');
    res.setHeader('access-control-max-age', '600');
  }
  return true;
}

function refuse(res: http.ServerResponse, refusal: RequestRefusal): void {
  answerError(res, refusal.status, refusal.code, refusal.message, refusal.headers);
}

function answerError(res: http.ServerResponse, status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new RequestRefusal('PAYLOAD_TOO_LARGE', `the request body is over ${maxBytes} bytes (PULSE_MAX_BODY_KB)`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('The request body is not valid JSON.');
  }
}
