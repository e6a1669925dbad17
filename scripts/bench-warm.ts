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
import autocannon from 'autocannon';
import { serveChild } from './bench-warm-servers';

import { alone, figures, post, request, startChild, underLoad, type Child, type Run, type ServerFigures } from './bench-warm-load';

export { WARM_QUERY, type ServerFigures } from './bench-warm-load';

export interface WarmOptions {
  /** Seconds of load per server, split into alternating rounds so both see the same machine load. */
  readonly seconds?: number;
  readonly connections?: number;
  /** Seconds of load before measuring, so both servers are measured warm (JIT, caches). */
  readonly warmupSeconds?: number;
  readonly rounds?: number;
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
