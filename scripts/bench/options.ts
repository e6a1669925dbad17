import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';

/**
 * What `npm run bench` measures: which data set (size, seed, end date), on
 * which engine, and how. Sizes pick users, days and activity so that the
 * target is 10M events from 200k users over 196 days (28 weeks: 26 whole
 * Monday weeks, 16 weekly cohorts and 90 days fit); smaller sizes keep the
 * days and activity and scale the users. PGlite's default is the demo data
 * set of `npm start` (5,000 users over 180 days at today's activity).
 */

export type Engine = 'postgres' | 'pglite';

export interface DataSpec {
  readonly users: number;
  readonly days: number;
  /** pulse generate --activity: how often users show up (1 = the demo's). */
  readonly activity: number;
  readonly seed: number;
  /** Last day of data, YYYY-MM-DD UTC. */
  readonly endDate: string;
}

export interface BenchOptions {
  readonly engine: Engine;
  readonly data: DataSpec;
  /** IANA zone every question is asked in (and the hand-written SQL computes in). */
  readonly timezone: string;
  /** Warm runs per question (answers from the result cache); p50 is reported. */
  readonly repeats: number;
  /** Server URL without a database, for the scratch database (PostgreSQL). */
  readonly server: string;
  /** Name of the scratch database; it must not exist, and is dropped at the end. */
  readonly database: string;
  readonly cacheDir: string;
  /** Also write the report here. */
  readonly out: string | null;
  /** --reuse: the database exists and holds this data set's main load; only the questions run, and nothing is dropped (development). */
  readonly reuse: boolean;
}

/** ~50 events per user at 196 days and activity 0.33 (measured: 20,000 users give 999,961 events; 2,000 give ~94k). */
const EVENTS_PER_USER = 50;
const SCALED = { days: 196, activity: 0.33, seed: 42, endDate: '2026-10-31' } as const;
const DEMO: DataSpec = { users: 5000, days: 180, activity: 1, seed: 42, endDate: '2026-10-31' };

/** "100k", "1M", "10M", "250000" -> a number of events. */
export function parseEvents(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`--events: expected a count like 100k, 1M or 10M, got "${text}"`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2] ?? ''] ?? 1;
  const events = Math.round(Number(m[1]) * scale);
  if (events < EVENTS_PER_USER) throw new Error(`--events: at least ${EVENTS_PER_USER}, got ${text}`);
  return events;
}

export function dataFor(events: number | null, engine: Engine): DataSpec {
  if (events === null && engine === 'pglite') return DEMO;
  return { ...SCALED, users: Math.round((events ?? 1e6) / EVENTS_PER_USER) };
}

interface RawOptions {
  events?: string;
  engine: Engine;
  users?: string;
  days?: string;
  activity?: string;
  seed?: string;
  endDate?: string;
  timezone: string;
  repeats: string;
  server: string;
  database?: string;
  cacheDir: string;
  out?: string;
  reuse?: boolean;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const program = new Command('bench')
    .description('Speed at scale: Pulse (cold, warm, marts on/off) against hand-written SQL on generated data.')
    .option('--events <n>', 'data set size: 100k (CI), 1M (default on PostgreSQL), 10M (the target)')
    .addOption(new Option('--engine <engine>', 'warehouse').choices(['postgres', 'pglite']).default('postgres'))
    .option('--users <n>', 'override the users of the size')
    .option('--days <n>', 'override the days of the size')
    .option('--activity <factor>', 'override the activity of the size')
    .option('--seed <n>', 'override the seed (42)')
    .option('--end-date <date>', 'override the last day of data (2026-10-31)')
    .option('--timezone <tz>', 'IANA zone of every question', 'UTC')
    .option('--repeats <n>', 'warm runs per question', '20')
    .option('--server <url>', 'PostgreSQL server for the scratch database', process.env.PULSE_BENCH_SERVER ?? 'postgres://postgres@127.0.0.1:5432')
    .option('--database <name>', 'scratch database name (default pulse_bench_<pid>); must not exist')
    .option('--cache-dir <dir>', 'where generated data sets are kept between runs', path.join(os.tmpdir(), 'pulse-bench'))
    .option('--out <file>', 'also write the markdown report to this file')
    .option('--reuse', 'with --database: an existing database that holds the main load; ask the questions only, drop nothing (development)')
    .showHelpAfterError();
  program.parse(argv, { from: 'user' });
  const o = program.opts<RawOptions>();
  const base = dataFor(o.events === undefined ? null : parseEvents(o.events), o.engine);
  const data: DataSpec = {
    users: o.users === undefined ? base.users : whole('users', o.users, 1),
    days: o.days === undefined ? base.days : whole('days', o.days, 1),
    activity: o.activity === undefined ? base.activity : Number(o.activity),
    seed: o.seed === undefined ? base.seed : whole('seed', o.seed, 0),
    endDate: o.endDate ?? base.endDate,
  };
  const database = o.database ?? `pulse_bench_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`--database: a lower-case identifier, got "${database}"`);
  if (o.reuse && (o.database === undefined || o.engine !== 'postgres')) throw new Error('--reuse needs --database NAME on PostgreSQL');
  return {
    engine: o.engine,
    data,
    timezone: o.timezone,
    repeats: whole('repeats', o.repeats, 1),
    server: o.server.replace(/\/+$/, ''),
    database,
    cacheDir: o.cacheDir,
    out: o.out ?? null,
    reuse: o.reuse === true,
  };
}

function whole(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`);
  return n;
}
