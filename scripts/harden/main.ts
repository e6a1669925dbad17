import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPulseSchema } from '../../src/graphql';
import { burstCheck } from './burst';
import { Cleanup } from './cleanup';
import { createDatabase, ingestDir } from './databases';
import { prepareData } from './data';
import { Deaths } from './deaths';
import { fuzzCheck } from './fuzz';
import { parseOptions, type CheckName, type HardenOptions } from './options';
import { outageCheck } from './outage';
import { findCluster } from './postgres-ctl';
import { timedCheck, type CheckResult } from './report';
import { startServer, type Server } from './server';
import { tenantCheck } from './tenants';
import { addDays } from './valid-queries';
import { readVocabulary, type Vocabulary } from './vocabulary';

/**
 * `npm run harden -- [--small] [--out results.json] [--seed N] [--no-outage] [--only fuzz,tenants,burst,outage]`
 * (issue 9, item 6): generated data in two scratch PostgreSQL databases
 * (both tenants; tenant t1 alone), Pulse served in this process over each,
 * then the checks, one line of figures each. Exits 1 when any check fails.
 * The databases, files and a stopped PostgreSQL are cleaned up whatever happens.
 */

const log = (line: string) => process.stderr.write(`harden: ${line}\n`);

interface World {
  readonly options: HardenOptions;
  readonly both: Server;
  readonly alone: Server;
  readonly vocabulary: Vocabulary;
  readonly deaths: Deaths;
  readonly cleanup: Cleanup;
}

async function setUp(options: HardenOptions, deaths: Deaths, cleanup: Cleanup): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulse_harden_${process.pid}_`));
  cleanup.add(`remove ${dir}`, async () => fs.rmSync(dir, { recursive: true, force: true }));
  log(`generating ${options.users} users x ${options.days} days (2 tenants, seed ${options.seed}) in ${dir}`);
  const data = await prepareData({ users: options.users, days: options.days, seed: options.seed, endDate: options.endDate }, dir);
  log(`data: ${JSON.stringify(data.counts)}`);
  const [bothDb, aloneDb] = [await createDatabase(options.server, 'both', cleanup), await createDatabase(options.server, 't1', cleanup)];
  log(`ingesting into ${bothDb.name} and ${aloneDb.name}`);
  await Promise.all([ingestDir(bothDb, data.both), ingestDir(aloneDb, data.t1)]);
  const both = await startServer(bothDb.url, 'both-tenants', cleanup);
  const alone = await startServer(aloneDb.url, 't1-alone', cleanup);
  const vocabulary = await readVocabulary(both.url, both.keys.admin, addDays(options.endDate, 1 - options.days), options.endDate);
  log(`vocabulary: ${vocabulary.metrics.length} metrics, ${vocabulary.dimensions.length} dimensions, event types ${vocabulary.eventTypes.join(' ')}`);
  return { options, both, alone, vocabulary, deaths, cleanup };
}

async function runCheck(name: CheckName, world: World): Promise<CheckResult> {
  const { options, both, alone, vocabulary, deaths, cleanup } = world;
  log(`${name} ...`);
  switch (name) {
    case 'fuzz': {
      const schema = buildPulseSchema(both.pulse.catalog);
      return timedCheck(name, () => fuzzCheck(both, schema, vocabulary, deaths, { seed: options.seed, cases: options.fuzzCases }));
    }
    case 'tenants':
      return timedCheck(name, () => tenantCheck(both, alone, vocabulary, options.seed, options.tenantQueries));
    case 'burst':
      return timedCheck(name, () => burstCheck(both, vocabulary, deaths, options.burstRequests, options.seed));
    case 'outage': {
      const cluster = options.outage ? await findCluster(options.server) : '--no-outage';
      if (typeof cluster === 'string') {
        return { name, passed: true, skipped: cluster, line: `SKIPPED: ${cluster}`, figures: { skipped: cluster }, problems: [], seconds: 0 };
      }
      return timedCheck(name, () => outageCheck(both, vocabulary, cluster, deaths, cleanup, options.seed));
    }
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const started = performance.now();
  const deaths = new Deaths();
  deaths.install();
  const cleanup = new Cleanup(log);
  cleanup.onSignals();
  log(`seed ${options.seed}${options.small ? ' (--small)' : ''}; checks ${options.only.join(', ')}`);
  const results: CheckResult[] = [];
  let setupSeconds = 0;
  try {
    const world = await setUp(options, deaths, cleanup);
    setupSeconds = (performance.now() - started) / 1000;
    for (const name of options.only) {
      const result = await runCheck(name, world);
      results.push(result);
      console.log(`${result.passed ? (result.skipped ? 'SKIP' : 'PASS') : 'FAIL'} ${name} (${result.seconds.toFixed(1)} s): ${result.line}`);
      for (const problem of result.problems) console.log(`  - ${problem}`);
      for (const warning of result.warnings ?? []) console.log(`  ! ${warning}`);
    }
  } finally {
    await cleanup.run();
  }
  const failed = results.filter((r) => !r.passed).map((r) => r.name);
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`${failed.length === 0 ? 'all checks passed' : `FAILED: ${failed.join(', ')}`}; setup ${setupSeconds.toFixed(1)} s, total ${totalSeconds.toFixed(1)} s; seed ${options.seed}`);
  if (options.out) {
    const report = {
      seed: options.seed,
      small: options.small,
      data: { users: options.users, days: options.days, endDate: options.endDate },
      setupSeconds,
      totalSeconds,
      deaths: { uncaughtExceptions: deaths.uncaughtExceptions, unhandledRejections: deaths.unhandledRejections, samples: deaths.samples },
      checks: Object.fromEntries(results.map((r) => [r.name, { passed: r.passed, skipped: r.skipped ?? null, seconds: r.seconds, line: r.line, problems: r.problems, warnings: r.warnings ?? [], figures: r.figures }])),
    };
    fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${options.out}`);
  }
  return failed.length === 0 && results.length === options.only.length ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
