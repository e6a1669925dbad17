import type { Bench, StepResult } from './bench';
import { firstDifference } from './compare';
import { ask, type Meta } from './pulse-modes';
import { questions, type Question } from './questions';
import { median, timed } from './timing';

/**
 * Every question through Pulse (marts on and off) and as hand-written SQL.
 *
 * Cold, on both sides, is the second execution: each side runs once untimed
 * (PostgreSQL's buffers and Node's JIT warm up alike), then Pulse's result
 * cache is cleared and the timed run follows; the timed SQL run comes right
 * after. So "cold" means an empty result cache, not an empty buffer cache,
 * for Pulse and SQL alike. Warm is the p50 of repeats served from the cache.
 * Both Pulse answers are compared with the SQL's, value by value.
 */

export interface QuestionResult {
  readonly question: Question;
  readonly coldMs: { readonly on: number; readonly off: number };
  readonly sqlMs: number;
  readonly warmP50Ms: number;
  readonly source: { readonly on: string; readonly off: string };
  /** Rows of the (canonical) answer, as a sanity check that something was compared. */
  readonly rows: number;
  /** MISMATCH and other broken promises; empty when all is well. */
  readonly problems: readonly string[];
}

export async function runQuestions(bench: Bench): Promise<StepResult> {
  const results: QuestionResult[] = [];
  for (const question of questions({ endDate: bench.options.data.endDate, timezone: bench.options.timezone })) {
    const result = await measure(bench, question);
    bench.log(
      `${question.id}. ${question.title}: cold ${result.coldMs.on.toFixed(0)} ms (marts on, ${result.source.on}), ` +
        `${result.coldMs.off.toFixed(0)} ms (off), SQL ${result.sqlMs.toFixed(0)} ms, warm p50 ${result.warmP50Ms.toFixed(2)} ms; ${result.rows} rows` +
        (result.problems.length ? `  ${result.problems.length} PROBLEM(S)` : ''),
    );
    results.push(result);
  }
  return { questions: results };
}

async function measure(bench: Bench, question: Question): Promise<QuestionResult> {
  const { on, off } = bench.modes;
  const sql = () => bench.scratch.sql(question.sql, question.params);
  await sql();
  await ask(on, question);
  await ask(off, question);

  const cold = async (pulse: typeof on) => {
    pulse.executor.cache.clear();
    return timed(() => ask(pulse, question));
  };
  const coldOn = await cold(on);
  const coldOff = await cold(off);
  const handSql = await timed(sql);

  const problems: string[] = [];
  const expected = question.fromSql(handSql.value);
  for (const [mode, run] of [['marts on', coldOn], ['marts off', coldOff]] as const) {
    const difference = firstDifference(question.fromPulse(run.value.answer), expected, question.ordered);
    if (difference) problems.push(`MISMATCH ${question.id} (${mode}) Pulse vs hand-written SQL: ${difference}`);
    if (run.value.meta.cached) problems.push(`${question.id} (${mode}): the cold run was served from the result cache`);
  }
  if (coldOff.value.meta.source !== 'raw') problems.push(`${question.id}: with marts off the answer came from "${coldOff.value.meta.source}", not raw`);

  const warm: number[] = [];
  const warmMetas: Meta[] = [];
  for (let i = 0; i < bench.options.repeats; i++) {
    const run = await timed(() => ask(on, question));
    warm.push(run.ms);
    warmMetas.push(run.value.meta);
  }
  if (warmMetas.some((m) => !m.cached)) problems.push(`${question.id}: a warm run was not served from the result cache`);

  return {
    question,
    coldMs: { on: coldOn.ms, off: coldOff.ms },
    sqlMs: handSql.ms,
    warmP50Ms: median(warm),
    source: { on: coldOn.value.meta.source, off: coldOff.value.meta.source },
    rows: expected.length,
    problems,
  };
}
