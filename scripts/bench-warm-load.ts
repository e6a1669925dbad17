/** The load and probes of bench-warm.ts: autocannon runs, a one-at-a-time latency probe, the server child processes. */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';

export interface ServerFigures {
  /** Under load (`connections` at once): requests/s over all rounds, and the median round's p50/p99 (autocannon, whole ms). */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** One request at a time, to the hundredth of a ms: the warm path's own latency. */
  readonly aloneP50Ms: number;
  readonly aloneP99Ms: number;
  /** CPU time the server process spent per request under load: steadier than req/s on a shared machine. */
  readonly cpuMicrosPerRequest: number;
  readonly errors: number;
}

export const WARM_QUERY = `{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY) {
  rows { period dau wau mau stickiness } cached meta { cached dataVersion computedAt } } }`;

export interface Run {
  readonly requests: number;
  readonly seconds: number;
  readonly p50?: number;
  readonly p99?: number;
  readonly aloneP50?: number;
  readonly aloneP99?: number;
  readonly cpuMicros?: number;
  readonly errors: number;
}

export function figures(runs: readonly Run[]): ServerFigures {
  const loaded = runs.filter((r) => r.p50 !== undefined);
  const probe = runs.find((r) => r.aloneP50 !== undefined);
  const requests = loaded.reduce((n, r) => n + r.requests, 0);
  const seconds = loaded.reduce((n, r) => n + r.seconds, 0);
  return {
    requestsPerSecond: requests / seconds,
    p50Ms: median(loaded.map((r) => r.p50 ?? 0)),
    p99Ms: median(loaded.map((r) => r.p99 ?? 0)),
    aloneP50Ms: probe?.aloneP50 ?? Number.NaN,
    aloneP99Ms: probe?.aloneP99 ?? Number.NaN,
    cpuMicrosPerRequest: loaded.reduce((n, r) => n + (r.cpuMicros ?? 0), 0) / requests,
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function request(url: string, connections: number, duration: number): autocannon.Options {
  return { url, connections, duration, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WARM_QUERY }) };
}

export async function underLoad(child: Child, connections: number, seconds: number): Promise<Run> {
  const cpuBefore = await child.cpu();
  const result = await autocannon(request(child.url, connections, seconds));
  const cpuMicros = (await child.cpu()) - cpuBefore;
  const errors = result.errors + result.timeouts + result.non2xx;
  return { requests: result.requests.total, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99, cpuMicros, errors };
}

/** Sequential requests on one kept-alive connection for `seconds`. */
export async function alone(url: string, seconds: number): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ query: WARM_QUERY });
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  try {
    while (performance.now() < end) {
      const started = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
      times.push(performance.now() - started);
      if (status !== 200) errors += 1;
    }
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { requests: times.length, seconds, aloneP50: at(0.5), aloneP99: at(0.99), errors };
}

export async function post(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WARM_QUERY }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`request failed: ${JSON.stringify(body)}`);
  return body.data;
}

export interface Child {
  readonly url: string;
  /** CPU microseconds the server process has used. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

export async function startChild(kind: 'pulse' | 'bare', answer: unknown, nodeEnv: string): Promise<Child> {
  // BENCH_PROFILE=dir writes a CPU profile of each server there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${kind}.cpuprofile`] : [];
  const child: ChildProcess = fork(path.join(__dirname, 'bench-warm.js'), ['--serve', kind, JSON.stringify(answer)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profile,
    // graphql-js checks more (and runs slower) outside production; both servers run alike.
    env: { ...process.env, NODE_ENV: nodeEnv },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${String(code)}) before listening`)));
  });
  return {
    url,
    cpu: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
        child.send('cpu');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}
