/**
 * The warm path: cached GraphQL requests per second through Pulse's HTTP
 * server, against a bare Apollo Server answering a constant object of the same
 * shape and size. Not a test (no timing asserts anywhere): a measurement,
 * bounded in time, on loopback only.
 *
 *   npm run bench:warm                      # 10 s per server in 5 alternating rounds, 10 connections
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=10 BENCH_ROUNDS=5 BENCH_WARMUP_SECONDS=2 npm run bench:warm
 *   NODE_ENV=development npm run bench:warm  # both servers run with it (default production)
 *   BENCH_DATABASE_URL=postgres://... npm run bench:warm   # Pulse over that warehouse (demo-filled if empty)
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import autocannon from 'autocannon';
import { serveChild } from './bench-warm-servers';

export const WARM_QUERY = `{ metrics(timeRange: {from: "2026-10-01", to: "2026-10-31"}, grain: DAY) {
  rows { period dau wau mau stickiness } cached meta { cached dataVersion computedAt } } }`;

export interface WarmOptions {
  /** Seconds of load per server, split into alternating rounds so both see the same machine load. */
  readonly seconds?: number;
  readonly connections?: number;
  /** Seconds of load before measuring, so both servers are measured warm (JIT, caches). */
  readonly warmupSeconds?: number;
  readonly rounds?: number;
}

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

export interface WarmReport {
  readonly pulse: ServerFigures;
  readonly bare: ServerFigures;
  /** Pulse's cached requests/s as a fraction of bare Apollo's. */
  readonly ratio: number;
  /** Bare Apollo's CPU per request as a fraction of Pulse's (1 = Pulse costs no more). */
  readonly cpuRatio: number;
  readonly rowsPerAnswer: number;
  readonly nodeEnv: string;
}

type Answer = { metrics: { rows: unknown[]; meta: { cached: boolean } } };

export async function measureWarm(options: WarmOptions = {}): Promise<WarmReport> {
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 10;
  const rounds = Math.max(1, options.rounds ?? 5);
  const nodeEnv = process.env.NODE_ENV ?? 'production';
  const pulse = await startChild('pulse', null, nodeEnv);
  let bare: Child | undefined;
  try {
    await post(pulse.url); // computes and caches
    const answer = (await post(pulse.url)) as Answer;
    if (!answer.metrics.meta.cached) throw new Error('the second request was not served from the cache');
    bare = await startChild('bare', answer.metrics, nodeEnv);
    if (JSON.stringify(await post(bare.url)) !== JSON.stringify(answer)) throw new Error('the bare server does not answer what Pulse answered');
    const runs = { pulse: [] as Run[], bare: [] as Run[] };
    for (const [name, child] of [['pulse', pulse], ['bare', bare]] as const) {
      if ((options.warmupSeconds ?? 2) > 0) await autocannon(request(child.url, connections, options.warmupSeconds ?? 2));
      runs[name].push(await alone(child.url, 1));
    }
    for (let i = 0; i < rounds; i += 1) {
      for (const [name, child] of [['pulse', pulse], ['bare', bare]] as const) runs[name].push(await underLoad(child, connections, seconds / rounds));
    }
    const pulseFigures = figures(runs.pulse);
    const bareFigures = figures(runs.bare);
    return {
      pulse: pulseFigures,
      bare: bareFigures,
      ratio: pulseFigures.requestsPerSecond / bareFigures.requestsPerSecond,
      cpuRatio: bareFigures.cpuMicrosPerRequest / pulseFigures.cpuMicrosPerRequest,
      rowsPerAnswer: answer.metrics.rows.length,
      nodeEnv,
    };
  } finally {
    await bare?.stop();
    await pulse.stop();
  }
}

interface Run {
  readonly requests: number;
  readonly seconds: number;
  readonly p50?: number;
  readonly p99?: number;
  readonly aloneP50?: number;
  readonly aloneP99?: number;
  readonly cpuMicros?: number;
  readonly errors: number;
}

function figures(runs: readonly Run[]): ServerFigures {
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function request(url: string, connections: number, duration: number): autocannon.Options {
  return { url, connections, duration, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WARM_QUERY }) };
}

async function underLoad(child: Child, connections: number, seconds: number): Promise<Run> {
  const cpuBefore = await child.cpu();
  const result = await autocannon(request(child.url, connections, seconds));
  const cpuMicros = (await child.cpu()) - cpuBefore;
  const errors = result.errors + result.timeouts + result.non2xx;
  return { requests: result.requests.total, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99, cpuMicros, errors };
}

/** Sequential requests on one kept-alive connection for `seconds`. */
async function alone(url: string, seconds: number): Promise<Run> {
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

async function post(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WARM_QUERY }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`request failed: ${JSON.stringify(body)}`);
  return body.data;
}

interface Child {
  readonly url: string;
  /** CPU microseconds the server process has used. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(kind: 'pulse' | 'bare', answer: unknown, nodeEnv: string): Promise<Child> {
  // BENCH_PROFILE=dir writes a CPU profile of each server there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${kind}.cpuprofile`] : [];
  const child: ChildProcess = fork(__filename, ['--serve', kind, JSON.stringify(answer)], {
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

function print(report: WarmReport, options: Required<WarmOptions>): void {
  const ms = (v: number) => v.toFixed(2).padStart(9);
  const row = (name: string, f: ServerFigures) =>
    `${name.padEnd(12)} ${f.requestsPerSecond.toFixed(0).padStart(8)} ${ms(f.p50Ms)} ${ms(f.p99Ms)} ${ms(f.aloneP50Ms)} ${ms(f.aloneP99Ms)} ${f.cpuMicrosPerRequest.toFixed(0).padStart(9)} ${String(f.errors).padStart(7)}`;
  console.log(
    `cached metrics request (${report.rowsPerAnswer} rows), NODE_ENV=${report.nodeEnv}: ${options.connections} connections for ${options.seconds} s per server ` +
      `in ${options.rounds} alternating rounds, after ${options.warmupSeconds} s of warm-up and 1 s of one-at-a-time requests`,
  );
  console.log(`${'server'.padEnd(12)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'alone p50'.padStart(9)} ${'alone p99'.padStart(9)} ${'cpu µs/req'.padStart(9)} ${'errors'.padStart(7)}`);
  console.log(row('pulse', report.pulse));
  console.log(row('bare apollo', report.bare));
  console.log(`pulse / bare apollo: ${report.ratio.toFixed(2)} of its requests/s; bare's CPU per request is ${report.cpuRatio.toFixed(2)} of Pulse's`);
}

if (require.main === module) {
  if (process.argv[2] === '--serve') {
    void serveChild(process.argv[3] ?? '', JSON.parse(process.argv[4] ?? 'null'));
  } else {
    const options = {
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
      connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
      warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
      rounds: Number(process.env.BENCH_ROUNDS ?? 5),
    };
    measureWarm(options).then(
      (report) => print(report, options),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
