import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { AuthError } from '../auth';

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
export async function listen<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: http.IncomingMessage) => Promise<C>,
  options: { port: number; host: string },
): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    handle(apollo, context, req, res).catch(() => {
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
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"ok"}');
    return;
  }
  if (url.pathname !== '/graphql' && url.pathname !== '/') {
    res.statusCode = 404;
    res.end('Not found: GraphQL is at /graphql');
    return;
  }
  let contextValue: C;
  try {
    contextValue = await context(req);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    res.statusCode = error.status;
    res.setHeader('content-type', 'application/json');
    if (error.code === 'UNAUTHENTICATED') res.setHeader('www-authenticate', 'Bearer');
    res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  try {
    body = await readBody(req);
  } catch (error) {
    res.statusCode = 400;
    res.setHeader('content-type', 'application/json');
    const message = error instanceof Error ? error.message : 'bad request';
    res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
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

const MAX_BODY_BYTES = 1_000_000;

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
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
