import 'reflect-metadata';
import fs from 'node:fs';
import { loadCatalog } from '../../src/catalog';
import { loadConfig } from '../../src/config/config';
import type { Bench, Figure } from './bench';
import { prepareDataset } from './dataset';
import { loadAverage, machine } from './machine';
import { MEASUREMENTS } from './measurements';
import { parseOptions } from './options';
import { createModes, type PulseModes } from './pulse-modes';
import type { QuestionResult } from './run-questions';
import { problemsOf, renderReport } from './report';
import { createScratch } from './scratch';
import { peakRssMb } from './timing';

/**
 * `npm run bench -- [--events 100k|1M|10M] [--engine postgres|pglite] ...`:
 * generates (or reuses) a data set, loads it into a scratch warehouse made
 * for the run, runs every measurement of measurements.ts, prints a markdown
 * report (and writes it with --out), and removes the scratch warehouse
 * whatever happens. Exits 1 when an answer differs from the hand-written SQL.
 */

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const startedAt = new Date();
  const startLoad = loadAverage();
  const config = loadConfig();
  const dataset = await prepareDataset(options.data, options.cacheDir, log);

  log(options.engine === 'postgres' ? `scratch database ${options.database}` : 'scratch PGlite directory');
  const scratch = await createScratch(options);
  let modes: PulseModes | undefined;
  const cleanup = once(async () => {
    await modes?.stop().catch(() => undefined);
    await scratch.drop();
  });
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: removing the scratch warehouse`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const figures: Figure[] = [];
  const questions: QuestionResult[] = [];
  try {
    const catalog = await loadCatalog(config.metricsDir);
    modes = await createModes(catalog, scratch.warehouse, config.cacheBytes);
    const bench: Bench = { options, dataset, scratch, catalog, modes, log };
    for (const measurement of MEASUREMENTS.filter((m) => !options.reuse || m.name === 'questions')) {
      log(`${measurement.name} ...`);
      const result = await measurement.run(bench);
      figures.push(...(result.figures ?? []));
      questions.push(...(result.questions ?? []));
    }
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  figures.push({ label: 'peak RSS of the bench process', value: `${peakRssMb().toFixed(0)} MB${options.engine === 'pglite' ? ' (PGlite runs inside it)' : ' (PostgreSQL not included)'}` });

  const report = renderReport({
    options, dataset, engineVersion: scratch.version, machine: machine(),
    loadAverage: { start: startLoad, end: loadAverage() }, startedAt, figures, questions,
  });
  process.stdout.write(report);
  if (options.out) fs.writeFileSync(options.out, report);
  const problems = problemsOf({ questions });
  for (const problem of problems) log(problem);
  if (problems.length > 0) log(`${problems.length} PROBLEM(S): see above; MISMATCH means Pulse and the hand-written SQL disagree`);
  return problems.length > 0 ? 1 : 0;
}

function once(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= run());
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
