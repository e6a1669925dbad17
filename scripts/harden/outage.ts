import { codesOf, graphqlRequest, originOf, send, type HttpAnswer } from './client';
import type { Cleanup } from './cleanup';
import type { Deaths } from './deaths';
import { isCoded, leaksOf } from './leaks';
import { isReady, startCluster, stopCluster, waitReady, type Cluster } from './postgres-ctl';
import { Rng } from './prng';
import { Counter, type CheckResult } from './report';
import type { Server } from './server';
import { timeRange } from './valid-queries';
import type { Vocabulary } from './vocabulary';

/**
 * Check 3: PostgreSQL stops under a steady loop of admin requests, each for a
 * time range not asked before (so the cache cannot answer), stays down ~3 s,
 * and starts again. Two loops run side by side: one with an API key (checked
 * against the warehouse on every request) and one with a JWT (checked
 * without it), so the answer of the query path shows even if the key check
 * fails. Wanted: every answer coded (WAREHOUSE_UNAVAILABLE while it is down),
 * no unexpected 5xx (503 WAREHOUSE_UNAVAILABLE with Retry-After when the
 * key cannot be checked is expected), no death, answers again soon after it is back, from the same
 * server (never restarted). PostgreSQL is started again in a finally block
 * and by the cleanup, whatever happens.
 */

type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'after';
type Via = 'key' | 'jwt';

interface Sample {
  readonly via: Via;
  readonly phase: Phase;
  readonly at: number;
  readonly answer: HttpAnswer;
}

const DOWN_MS = 3_000;
const RECOVERY_LIMIT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const good = (a: HttpAnswer) => a.status === 200 && a.errors.length === 0 && a.data !== undefined && a.data !== null;

export async function outageCheck(server: Server, v: Vocabulary, cluster: Cluster, deaths: Deaths, cleanup: Cleanup, seed: number): Promise<Omit<CheckResult, 'name' | 'seconds'>> {
  const origin = originOf(server.url);
  const rng = new Rng(seed ^ 0x07a6e);
  const asked = new Set<string>();
  const fresh = () => {
    for (;;) {
      const { from, to } = timeRange(rng, v);
      const document = `{ metrics(timeRange: {from: "${from}", to: "${to}"}, grain: ${rng.pick(['DAY', 'WEEK'])}) { rows { period activeUsers events sessions } meta { cached source } } }`;
      if (!asked.has(document)) {
        asked.add(document);
        return document;
      }
    }
  };
  const samples: Sample[] = [];
  let phase: Phase = 'before';
  let looping = true;
  const loop = async (via: Via, token: string) => {
    while (looping) {
      const answer = await send(origin, graphqlRequest(token, fresh()));
      samples.push({ via, phase, at: performance.now(), answer });
      await sleep(25);
    }
  };
  const deathsBefore = deaths.total;
  const logBefore = server.logger.errors;
  cleanup.add('start PostgreSQL again', async () => {
    if (!(await isReady(cluster))) await startCluster(cluster);
  });
  // Runs first on a signal: no more requests while the servers stop.
  cleanup.add('stop the outage request loops', async () => {
    looping = false;
  });
  const running = Promise.all([loop('key', server.keys.admin), loop('jwt', server.keys.adminJwt)]);
  let readyAt = 0;
  let startAt = 0;
  let downReadyz = 0;
  try {
    await sleep(1_000);
    phase = 'stopping';
    await stopCluster(cluster);
    phase = 'down';
    await sleep(DOWN_MS / 2);
    downReadyz = (await send(origin, { method: 'GET', path: '/readyz', headers: {} })).status;
    await sleep(DOWN_MS / 2);
    phase = 'starting';
  } finally {
    startAt = performance.now();
    if (!(await isReady(cluster))) await startCluster(cluster);
    const ready = await waitReady(cluster, RECOVERY_LIMIT_MS);
    readyAt = performance.now();
    phase = 'after';
    if (!ready) {
      looping = false;
      await running;
      throw new Error('PostgreSQL did not become ready within 60 s of pg_ctlcluster start');
    }
  }
  const recovered = (via: Via) => samples.some((s) => s.via === via && s.phase === 'after' && good(s.answer));
  const deadline = readyAt + RECOVERY_LIMIT_MS;
  while (performance.now() < deadline && !(recovered('key') && recovered('jwt'))) await sleep(50);
  await sleep(500); // a few more answers after recovery
  looping = false;
  await running;
  return summarise(samples, startAt, readyAt, downReadyz, deaths.total - deathsBefore, server.logger.errors - logBefore);
}

const OUTAGE: readonly Phase[] = ['stopping', 'down', 'starting'];

function summarise(samples: readonly Sample[], startAt: number, readyAt: number, downReadyz: number, died: number, errorLogs: number): Omit<CheckResult, 'name' | 'seconds'> {
  const outcome = (s: Sample) => (good(s.answer) ? 'OK' : `${codesOf(s.answer)[0] ?? 'uncoded'}/${s.answer.status || s.answer.failure || 'no answer'}`);
  const perVia = (via: Via) => {
    const mine = samples.filter((s) => s.via === via);
    const outage = new Counter();
    for (const s of mine.filter((m) => OUTAGE.includes(m.phase))) outage.add(outcome(s));
    const firstGood = mine.find((s) => s.phase === 'after' && good(s.answer));
    return {
      before: mine.filter((s) => s.phase === 'before').length,
      beforeAllGood: mine.filter((s) => s.phase === 'before').every((s) => good(s.answer)),
      duringOutage: mine.filter((s) => OUTAGE.includes(s.phase)).length,
      whileDown: mine.filter((s) => s.phase === 'down').length,
      outageOutcomes: outage.counts,
      outageText: outage.text(),
      after: mine.filter((s) => s.phase === 'after').length,
      recoverySeconds: firstGood ? (firstGood.at - readyAt) / 1000 : null,
    };
  };
  const key = perVia('key');
  const jwt = perVia('jwt');
  // 503 WAREHOUSE_UNAVAILABLE (with Retry-After) is the expected answer when the warehouse cannot check an API key; any other 5xx is not.
  const expected503 = (s: Sample) => s.answer.status === 503 && codesOf(s.answer)[0] === 'WAREHOUSE_UNAVAILABLE';
  const fiveXx = samples.filter((s) => (s.answer.status >= 500 && !expected503(s)) || s.answer.status === 0);
  const uncoded = samples.filter((s) => !isCoded(s.answer));
  const unexpected = samples.filter((s) => OUTAGE.includes(s.phase) && !good(s.answer) && codesOf(s.answer).some((c) => c !== 'WAREHOUSE_UNAVAILABLE'));
  const leaks = samples.flatMap((s) => leaksOf(s.answer));
  const example = (list: readonly Sample[]) => list.slice(0, 2).map((s) => `${s.via} ${s.phase}: ${s.answer.status} ${s.answer.text.slice(0, 200)}${s.answer.failure ?? ''}`);
  const problems = [
    ...(died > 0 ? [`${died} process death(s)`] : []),
    ...(!key.beforeAllGood || !jwt.beforeAllGood || key.before === 0 ? ['requests before the outage did not all answer'] : []),
    ...(key.whileDown === 0 || jwt.whileDown === 0 ? ['no request ran while PostgreSQL was down'] : []),
    ...(fiveXx.length > 0 ? [`${fiveXx.length} answer(s) with an unexpected 5xx status or none: ${example(fiveXx).join(' | ')}`] : []),
    ...(uncoded.length > 0 ? [`${uncoded.length} answer(s) without extensions.code: ${example(uncoded).join(' | ')}`] : []),
    ...(unexpected.length > 0 ? [`${unexpected.length} outage answer(s) coded other than WAREHOUSE_UNAVAILABLE: ${example(unexpected).join(' | ')}`] : []),
    ...(leaks.length > 0 ? [`${leaks.length} leak(s): ${leaks.slice(0, 3).join(' | ')}`] : []),
    ...(key.recoverySeconds === null || jwt.recoverySeconds === null ? ['no good answer within 60 s of PostgreSQL being ready'] : []),
  ];
  const seconds = (s: number | null) => (s === null ? 'never' : `${s.toFixed(2)} s`);
  return {
    passed: problems.length === 0,
    line:
      `during the outage: API key ${key.duringOutage} requests (${key.whileDown} while down): ${key.outageText}; ` +
      `JWT ${jwt.duringOutage} (${jwt.whileDown} while down): ${jwt.outageText}; ` +
      `PostgreSQL ready ${((readyAt - startAt) / 1000).toFixed(2)} s after the start command; first good answer after that: key ${seconds(key.recoverySeconds)}, JWT ${seconds(jwt.recoverySeconds)}; ` +
      `/readyz while down ${downReadyz}; ` +
      `unexpected 5xx ${fiveXx.length}, uncoded ${uncoded.length}; same server throughout (${key.before + jwt.before} answers before, ${key.after + jwt.after} after, no restart); deaths ${died}; server error log lines ${errorLogs}`,
    figures: {
      apiKey: key,
      jwt,
      fiveXx: fiveXx.length,
      uncoded: uncoded.length,
      unexpectedCodes: unexpected.length,
      leaks: leaks.length,
      readyzWhileDown: downReadyz,
      postgresStartSeconds: (readyAt - startAt) / 1000,
      serverRestarted: false,
      deaths: died,
      serverErrorLogLines: errorLogs,
      examples: { fiveXx: example(fiveXx), unexpected: example(unexpected) },
    },
    problems,
  };
}
