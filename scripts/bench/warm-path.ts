import { measureWarm } from '../bench-warm';
import type { Bench, StepResult } from './bench';

/**
 * Cached requests/s through Pulse's HTTP server over the bench's warehouse,
 * against a bare Apollo Server answering the same answer as a constant
 * (scripts/bench-warm.ts, in child processes; target: at least 80%).
 */
export async function warmPath(bench: Bench): Promise<StepResult> {
  if (bench.scratch.databaseUrl) process.env.BENCH_DATABASE_URL = bench.scratch.databaseUrl;
  const report = await measureWarm({ seconds: 10, rounds: 5, connections: 10 });
  const rps = (n: number) => Math.round(n).toLocaleString('en-US');
  return {
    figures: [
      {
        label: 'cached requests/s, Pulse vs bare Apollo (10 connections, 10 s each)',
        value: `${rps(report.pulse.requestsPerSecond)} vs ${rps(report.bare.requestsPerSecond)} = ${(100 * report.ratio).toFixed(0)}% (${report.rowsPerAnswer}-row metrics answer, NODE_ENV=${report.nodeEnv})`,
      },
    ],
  };
}
