import { codesOf, graphqlRequest, originOf, send, type HttpAnswer } from './client';
import type { Deaths } from './deaths';
import { healthPoller } from './health';
import { isCoded } from './leaks';
import { Rng } from './prng';
import { Counter, ms, percentile, type CheckResult } from './report';
import type { Server } from './server';
import { addDays } from './valid-queries';
import type { Vocabulary } from './vocabulary';

/**
 * Check 4: 50 heavy requests at once (funnels over the raw events, each with
 * its own steps and range, so none is cached and no mart can answer) while
 * GET /health is polled every 10 ms. /health runs on the same event loop as
 * everything else, so its latency is how long the server stops answering.
 * Target: p99 under 100 ms; every heavy request answers (or a coded error).
 */

const POLL_MS = 10;
const TARGET_MS = 100;
const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

function heavyFunnels(v: Vocabulary, count: number, seed: number): string[] {
  const rng = new Rng(seed ^ 0xb0257);
  const documents = new Set<string>();
  while (documents.size < count) {
    const steps = Array.from({ length: rng.int(3, 5) }, () => `{eventType: ${JSON.stringify(rng.pick(v.eventTypes))}}`);
    const from = addDays(v.firstDay, rng.int(0, 3));
    const to = addDays(v.lastDay, -rng.int(0, 3));
    const breakdown = rng.chance(0.5) ? `, breakdown: ${rng.pick(['PLATFORM', 'COUNTRY', 'PLAN'])}` : '';
    documents.add(
      `{ funnel(steps: [${steps.join(', ')}], timeRange: {from: "${from}", to: "${to}"}, windowDays: ${rng.int(7, 30)}${breakdown}) { steps { index eventType breakdown users conversionRate } meta { cached source } } }`,
    );
  }
  return [...documents];
}

export async function burstCheck(server: Server, v: Vocabulary, deaths: Deaths, count: number, seed: number): Promise<Omit<CheckResult, 'name' | 'seconds'>> {
  const origin = originOf(server.url);
  const documents = heavyFunnels(v, count, seed);
  const polls: { at: number; ms: number }[] = [];
  let polling = true;
  const health = healthPoller(server.healthUrl);
  const poller = (async () => {
    while (polling) {
      const at = performance.now();
      const answer = await health.poll();
      polls.push({ at, ms: answer.status === 200 ? answer.ms : Number.POSITIVE_INFINITY });
      await sleep(POLL_MS);
    }
  })();
  const deathsBefore = deaths.total;
  await sleep(100); // the poller warm first
  const started = performance.now();
  const answers = await Promise.all(documents.map((d) => send(origin, graphqlRequest(server.keys.admin, d))));
  const burstSeconds = (performance.now() - started) / 1000;
  polling = false;
  await poller;
  health.close();
  const latencies = polls.filter((p) => p.at >= started).map((p) => p.ms);
  return summarise(answers, latencies, burstSeconds, deaths.total - deathsBefore);
}

function summarise(answers: readonly HttpAnswer[], latencies: readonly number[], burstSeconds: number, died: number): Omit<CheckResult, 'name' | 'seconds'> {
  const outcomes = new Counter();
  const sources = new Counter();
  for (const a of answers) {
    outcomes.add(a.errors.length === 0 && a.status === 200 ? 'OK' : (codesOf(a)[0] ?? `HTTP ${a.status}`));
    const meta = (a.data as { funnel?: { meta?: { source?: string; cached?: boolean } } } | null | undefined)?.funnel?.meta;
    sources.add(meta ? `${meta.source ?? '?'}${meta.cached ? ' (cached)' : ''}` : 'no answer');
  }
  const bad = answers.filter((a) => a.status === 0 || a.status >= 500 || !isCoded(a));
  const p99 = percentile(latencies, 99);
  const max = latencies.length ? Math.max(...latencies) : 0;
  const problems = [
    ...(died > 0 ? [`${died} process death(s)`] : []),
    ...(bad.length > 0 ? [`${bad.length} heavy request(s) without a coded answer: ${bad.slice(0, 3).map((a) => `${a.status} ${a.text.slice(0, 200)}${a.failure ?? ''}`).join(' | ')}`] : []),
    ...(p99 >= TARGET_MS ? [`/health p99 ${ms(p99)} is over the ${TARGET_MS} ms target`] : []),
  ];
  return {
    passed: problems.length === 0,
    line:
      `${answers.length} concurrent funnels in ${burstSeconds.toFixed(2)} s: ${outcomes.text()} (sources: ${sources.text()}); ` +
      `/health during the burst: ${latencies.length} polls, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(p99)}, max ${ms(max)} (target < ${TARGET_MS} ms); deaths ${died}`,
    figures: {
      requests: answers.length,
      burstSeconds,
      outcomes: outcomes.counts,
      sources: sources.counts,
      heavyMs: { p50: percentile(answers.map((a) => a.ms), 50), max: Math.max(...answers.map((a) => a.ms)) },
      health: { polls: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: p99, maxMs: max, targetMs: TARGET_MS, overTarget: latencies.filter((l) => l >= TARGET_MS).length },
      deaths: died,
    },
    problems,
  };
}
