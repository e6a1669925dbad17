import http from 'node:http';

/**
 * GET /health on a connection of its own (node:http, one kept-alive
 * socket), apart from fetch's pool that carries the heavy requests, so its
 * latency is the server's and never a wait for a pooled connection.
 */
export function healthPoller(healthUrl: string): { poll(): Promise<{ status: number; ms: number }>; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const poll = () =>
    new Promise<{ status: number; ms: number }>((resolve) => {
      const started = performance.now();
      const request = http.get(healthUrl, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      });
      request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
      request.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    });
  return { poll, close: () => agent.destroy() };
}
