import type { GraphQLSchema } from 'graphql';
import { codesOf, originOf, send } from './client';
import { fuzzCase, type FuzzKeys } from './cases';
import type { Deaths } from './deaths';
import { isCoded, leaksOf } from './leaks';
import { Counter, percentile, type CheckResult } from './report';
import type { Server } from './server';
import type { Vocabulary } from './vocabulary';

/**
 * Check 1: generated documents over HTTP as a viewer and as tenant t1's
 * viewer. Must hold for every answer: the process survives, no 5xx, an
 * answer at all, JSON whose every error has extensions.code, and nothing
 * from leaks.ts in any error.
 */

const CONCURRENCY = 8;

export interface FuzzOptions {
  readonly seed: number;
  readonly cases: number;
}

export async function fuzzCheck(server: Server, schema: GraphQLSchema, v: Vocabulary, deaths: Deaths, options: FuzzOptions): Promise<Omit<CheckResult, 'name' | 'seconds'>> {
  const origin = originOf(server.url);
  const keys: FuzzKeys = server.keys;
  const statuses = new Counter();
  const outcomes = new Counter();
  const codes = new Counter();
  const kinds = new Counter();
  const internal = new Counter();
  const examples = { uncoded: [] as string[], leaks: [] as string[], serverErrors: [] as string[], noAnswer: [] as string[], internal: [] as string[] };
  // The five lowest case numbers, so a seed reports the same examples whatever order answers arrive in.
  const caseNumber = (text: string) => Number(text.slice(1, text.indexOf(' ')));
  const note = (list: string[], text: string) => {
    list.push(text.slice(0, 1500));
    list.sort((a, b) => caseNumber(a) - caseNumber(b)).splice(5);
  };
  let uncoded = 0;
  let leaking = 0;
  let serverErrors = 0;
  let noAnswer = 0;
  let errorsSeen = 0;
  let errorsCoded = 0;
  const deathsBefore = deaths.total;
  const logBefore = server.logger.errors;
  const latency = new Map<string, number[]>();
  const slowest: { ms: number; label: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.cases) {
      const c = fuzzCase(options.seed, next++, schema, v, keys);
      const answer = await send(origin, c.request);
      const label = `#${c.index} ${c.kind} as ${c.principal}: ${c.request.method} ${c.request.path.slice(0, 200)} ${typeof c.request.body === 'string' ? c.request.body.slice(0, 400) : ''}`;
      const kind = c.kind.startsWith('http:') ? 'http' : c.kind;
      kinds.add(kind);
      const times = latency.get(kind) ?? [];
      times.push(answer.ms);
      latency.set(kind, times);
      slowest.push({ ms: answer.ms, label: label.slice(0, 600) });
      slowest.sort((a, b) => b.ms - a.ms).splice(3);
      statuses.add(String(answer.status));
      if (answer.status === 0) {
        noAnswer += 1;
        note(examples.noAnswer, `${label} -> ${answer.failure ?? ''}`);
        continue;
      }
      if (answer.status >= 500) {
        serverErrors += 1;
        note(examples.serverErrors, `${label} -> ${answer.status} ${answer.text.trim().slice(0, 300)}`);
      }
      if (!isCoded(answer)) {
        uncoded += 1;
        note(examples.uncoded, `${label} -> ${answer.status} ${answer.text.trim().slice(0, 300)}`);
      }
      const leaks = leaksOf(answer, `${c.request.path} ${typeof c.request.body === 'string' ? c.request.body : ''}`);
      if (leaks.length > 0) {
        leaking += 1;
        note(examples.leaks, `${label} -> ${leaks.join('; ')}`);
      }
      const answerCodes = codesOf(answer);
      errorsSeen += answerCodes.length;
      errorsCoded += answerCodes.filter((code) => code !== '(none)').length;
      for (const code of answerCodes) codes.add(code);
      // The set of codes, sorted: root fields run concurrently, so which error comes first depends on timing.
      const outcome = [...new Set(answerCodes)].sort().join('+');
      outcomes.add(answerCodes.length === 0 ? 'OK' : `${outcome}${answer.data !== undefined && answer.data !== null ? ' (partial)' : ''}`);
      if (answerCodes.includes('INTERNAL_SERVER_ERROR')) {
        internal.add(c.kind);
        note(examples.internal, `${label} -> ${answer.text.trim().slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const died = deaths.total - deathsBefore;
  // Answers that are JSON with every error coded (or data and no errors), of those that came.
  const codedShare = options.cases - noAnswer === 0 ? 0 : (options.cases - noAnswer - uncoded) / (options.cases - noAnswer);
  const problems = [
    ...(died > 0 ? [`${died} process death(s): ${deaths.samples.join(' | ')}`] : []),
    ...(serverErrors > 0 ? [`${serverErrors} 5xx answer(s): ${examples.serverErrors.join(' | ')}`] : []),
    ...(noAnswer > 0 ? [`${noAnswer} request(s) got no answer: ${examples.noAnswer.join(' | ')}`] : []),
    ...(uncoded > 0 ? [`${uncoded} answer(s) without extensions.code: ${examples.uncoded.join(' | ')}`] : []),
    ...(leaking > 0 ? [`${leaking} answer(s) leak internals: ${examples.leaks.join(' | ')}`] : []),
  ];
  const errorLogs = server.logger.errors - logBefore;
  const internalCount = Object.values(internal.counts).reduce((a, b) => a + b, 0);
  // Coded and masked, but a client's mistake must not read as the server's (nor be logged as unexpected).
  if (internalCount > 0) problems.push(`${internalCount} answer(s) INTERNAL_SERVER_ERROR (${internal.text()}): ${examples.internal.join(' | ')}`);
  return {
    passed: problems.length === 0,
    line:
      `${options.cases} documents (seed ${options.seed}): deaths ${died}, 5xx ${serverErrors}, no answer ${noAnswer}, ` +
      `errors with extensions.code ${errorsCoded}/${errorsSeen}, answers coded ${(100 * codedShare).toFixed(2)}%, leaks ${leaking}, INTERNAL_SERVER_ERROR ${internal.text() || 0}; ` +
      `statuses ${statuses.text()}; outcomes ${outcomes.text(8)}; server error log lines ${errorLogs}`,
    figures: {
      seed: options.seed,
      documents: options.cases,
      kinds: kinds.counts,
      deaths: died,
      serverErrors5xx: serverErrors,
      noAnswer,
      uncoded,
      codedShare,
      errors: errorsSeen,
      errorsWithCode: errorsCoded,
      leaks: leaking,
      statuses: statuses.counts,
      outcomes: outcomes.counts,
      codes: codes.counts,
      internalServerErrorsByKind: internal.counts,
      latencyMsByKind: Object.fromEntries([...latency].sort((a, b) => a[0].localeCompare(b[0])).map(([k, l]) => [k, { p50: percentile(l, 50), p99: percentile(l, 99), max: Math.max(...l) }])),
      slowest,
      serverErrorLogLines: errorLogs,
      examples,
    },
    problems,
  };
}
