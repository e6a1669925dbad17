import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The dashboard and GraphiQL, built by Vite into dist/web: served from a list
 * of the files read at start, so no request path ever reaches the file system.
 */
export interface WebAssets {
  /** Answers the request when it is for the dashboard or an asset; false to let the API answer. */
  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Routes of the API and probes: never the dashboard, whatever the Accept header says. */
const API_PATHS = new Set(['/health', '/healthz', '/readyz', '/metrics']);

/** dist/web: next to the compiled server (dist/src/server), or under ts-jest (src/server) in dist/. Built or not yet. */
export function locateWebRoot(): string {
  const top = path.resolve(__dirname, '../..');
  return path.basename(top) === 'dist' ? path.join(top, 'web') : path.join(top, 'dist', 'web');
}

export interface WebOptions {
  /** Origins that may frame the pages besides Pulse's own (PULSE_CORS_ORIGINS: the embedders); '*' for any. */
  readonly frameAncestors?: readonly string[];
}

export function webAssets(root: string | null, options: WebOptions = {}): WebAssets {
  const ancestors = options.frameAncestors ?? [];
  const frameAncestors = ancestors.includes('*') ? '*' : ["'self'", ...ancestors].join(' ');
  let files = new Map<string, string>();
  let listedAt = 0;
  // Listed again (at most once a second) when a name is not known: `npm run build` while serving replaces the files.
  const lookup = (pathname: string): string | undefined => {
    if (!root || files.has(pathname) || !pathname.startsWith('/assets/') || Date.now() - listedAt < 1_000) return files.get(pathname);
    listedAt = Date.now();
    const dir = path.join(root, 'assets');
    files = new Map(fs.existsSync(dir) ? fs.readdirSync(dir).map((name): [string, string] => [`/assets/${name}`, path.join(dir, name)]) : []);
    return files.get(pathname);
  };
  // Gzipped assets, kept: a hashed name never changes content. Pages (index.html) change with a build: gzipped per request.
  const compressed = new Map<string, Buffer>();
  const send = (req: http.IncomingMessage, res: http.ServerResponse, file: string, cache: string) => {
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.setHeader('content-type', type);
    res.setHeader('cache-control', cache);
    res.setHeader('x-content-type-options', 'nosniff');
    let body: Buffer = fs.readFileSync(file);
    if (/gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /javascript|css|json|html|svg/.test(type)) {
      const gz = compressed.get(file) ?? zlib.gzipSync(body);
      if (cache.includes('immutable')) compressed.set(file, gz);
      body = gz;
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('vary', 'Accept-Encoding');
    }
    res.setHeader('content-length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return {
    serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const asset = lookup(pathname);
      // Hashed names: a file's content never changes under its name.
      if (asset && fs.existsSync(asset)) return send(req, res, asset, 'public, max-age=31536000, immutable'), true;
      const wantsPage = String(req.headers.accept ?? '').includes('text/html');
      if (!wantsPage || API_PATHS.has(pathname) || pathname.startsWith('/assets/') || path.extname(pathname) !== '') return false;
      // A browser's GET of /graphql without a query is GraphiQL; with ?query= it is an API call.
      if (pathname === '/graphql' && new URL(req.url ?? '/', 'http://x').searchParams.has('query')) return false;
      // Read per request: a build while serving (or the first one, after start) is served without a restart.
      if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
        res.statusCode = 503;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('The dashboard is not built: run `npm run build` (GraphQL answers at POST /graphql).');
        return true;
      }
      // Only the embedders may frame a page (a token handed over by postMessage comes from that frame's parent).
      res.setHeader('content-security-policy', `frame-ancestors ${frameAncestors}`);
      send(req, res, path.join(root, pathname === '/graphql' ? 'graphiql.html' : 'index.html'), 'no-cache');
      return true;
    },
  };
}
