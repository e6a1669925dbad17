import type { Figure } from './bench';
import type { Dataset } from './dataset';
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import type { QuestionResult } from './run-questions';

/** The markdown report: setup, the questions table, the other figures, and every problem found. */

export interface ReportInput {
  readonly options: BenchOptions;
  readonly dataset: Dataset;
  readonly engineVersion: string;
  readonly machine: Machine;
  readonly loadAverage: { readonly start: string; readonly end: string };
  readonly startedAt: Date;
  readonly figures: readonly Figure[];
  readonly questions: readonly QuestionResult[];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : fmt(value);
}

function size(events: number): string {
  return events >= 950_000 ? `${(events / 1e6).toFixed(1)}M` : `${Math.round(events / 1e3)}k`;
}

function table(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map(line)];
}

export function problemsOf(input: Pick<ReportInput, 'questions'>): string[] {
  return input.questions.flatMap((q) => q.problems);
}

export function renderReport(input: ReportInput): string {
  const { options, dataset: d, machine: m } = input;
  const spec = d.spec;
  const out: string[] = [
    `# Pulse bench: ${size(d.events)} events on ${options.engine}`,
    '',
    `- started ${input.startedAt.toISOString()}; timezone of every question: ${options.timezone}`,
    `- data: ${fmt(d.users)} users over ${spec.days} days ending ${spec.endDate}, activity ${spec.activity}, seed ${spec.seed}: ` +
      `${fmt(d.events)} events (main load ${fmt(d.mainEvents)}, held back ${fmt(d.recentEvents)} newest, from ${d.cut})` +
      (d.generatedMs === null ? ', generated earlier (cached)' : `, generated in ${(d.generatedMs / 1000).toFixed(1)} s`),
    `- machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb.toFixed(1)} GB, ${m.os}; node ${m.node}; ${input.engineVersion}`,
    `- load average (1, 5, 15 min): ${input.loadAverage.start} at start, ${input.loadAverage.end} at the end`,
    `- cold: an empty result cache; both Pulse and the SQL are timed on their second execution (one untimed run each first), ` +
      `so PostgreSQL's buffers are warm for both. warm: p50 of ${options.repeats} answers from the result cache (marts on). ` +
      (options.engine === 'postgres'
        ? `Hand-written SQL runs over a plain pg connection with the session settings of Pulse's pool (jit off, work_mem 64 MB).`
        : `Hand-written SQL runs through PGlite's own query method, in the same process.`),
    '',
  ];
  out.push(
    ...table(
      ['question', 'Pulse cold ms (marts on)', 'source', 'Pulse cold ms (marts off)', 'hand-written SQL ms', 'ratio off/SQL', 'warm p50 ms'],
      ['l', 'r', 'l', 'r', 'r', 'r', 'r'],
      input.questions.map((q) => [
        `${q.question.id}. ${q.question.title}${q.problems.some((p) => p.startsWith('MISMATCH')) ? ' **MISMATCH**' : ''}`,
        ms(q.coldMs.on),
        q.source.on,
        ms(q.coldMs.off),
        ms(q.sqlMs),
        (q.coldMs.off / q.sqlMs).toFixed(2),
        ms(q.warmP50Ms),
      ]),
    ),
    '',
    ...table(['figure', 'value'], ['l', 'l'], input.figures.map((f) => [f.label, f.value])),
    '',
  );
  const problems = problemsOf(input);
  if (problems.length === 0) {
    out.push(`All ${input.questions.length} answers equal the hand-written SQL's, value by value, with marts on and off.`);
  } else {
    out.push(`## ${problems.length} PROBLEM(S)`, '', ...problems.map((p) => `- ${p.replace(/\n/g, '\n  ')}`));
  }
  return `${out.join('\n')}\n`;
}
