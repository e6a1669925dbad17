import fs from 'node:fs';
import { generateActivity, type Counters } from './activity';
import { BadRows, type BadKind } from './bad-rows';
import { Prng } from './prng';
import { churnRow, drawProfile, planRows, userId, userRow, type Profile } from './profile';
import { DAY_MS, iso, timeWindow } from './time';
import { COLUMNS, RowWriter, type FileKind, type OutputFormat, type Row } from './writer';

/**
 * `pulse generate`: writes plans, users, events and churn (SPEC §1) for N
 * users over D days, user by user, so memory stays flat whatever N and D.
 * The same options give byte-identical files. Events are written user by
 * user (each user's in time order), not sorted across users. Measured with
 * scripts/bench-generate.sh on the 2-core machine: 7,500 users x 180 days =
 * 1.0M events in 5.6 s, peak RSS 131 MB (88 MB of it is the CLI loading);
 * 20,000 users = 2.7M events in 15.5 s, 151 MB.
 */

export { BAD_KINDS, type BadKind } from './bad-rows';
export { COLUMNS, type FileKind, type OutputFormat } from './writer';

export interface GenerateOptions {
  readonly users: number;
  readonly days: number;
  readonly seed: number;
  readonly out: string;
  /** Last day of data (UTC, inclusive); default yesterday, so no good row is in the future. */
  readonly endDate?: string;
  /** Share of extra bad rows, 0 (default) to 1. */
  readonly badRows?: number;
  /**
   * Scales how often users show up (the daily chance of a visit, capped at 95%):
   * 1 (default) gives today's files byte for byte, 0.4 about 40% of the events.
   * Signups, churn and each visit's sessions are drawn as before.
   */
  readonly activity?: number;
  readonly format?: OutputFormat;
  /**
   * Tenants to spread the users over (SPEC §11): users.csv gets a tenant_id
   * column, t1 .. tN in turn by user. Without it the files are as before.
   */
  readonly tenants?: number;
}

export interface FileSummary {
  readonly file: string;
  /** Rows written, bad ones included. */
  readonly rows: number;
  readonly bad: Readonly<Partial<Record<BadKind, number>>>;
}

export interface GenerateSummary {
  readonly endDate: string;
  readonly files: Readonly<Record<FileKind, FileSummary>>;
}

export function defaultEndDate(nowMs: number): string {
  return iso(Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS).slice(0, 10);
}

function check(options: GenerateOptions): void {
  const whole = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be an integer >= ${min}, got ${v}`);
  };
  whole('users', options.users, 1);
  whole('days', options.days, 1);
  whole('seed', options.seed, 0);
  const share = options.badRows ?? 0;
  if (!(share >= 0 && share <= 1)) throw new Error(`--bad-rows must be a share between 0 and 1, got ${share}`);
  const activity = options.activity ?? 1;
  if (!(Number.isFinite(activity) && activity > 0)) throw new Error(`--activity must be a number > 0, got ${activity}`);
  if (options.tenants !== undefined) whole('tenants', options.tenants, 1);
}

/** The tenant of the i-th user (0-based), or none when the data has no tenants. */
function tenantOf(i: number, tenants: number | undefined): string | null {
  return tenants === undefined ? null : `t${(i % tenants) + 1}`;
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  check(options);
  const endDate = options.endDate ?? defaultEndDate(Date.now());
  const window = timeWindow(endDate, options.days);
  const format = options.format ?? 'csv';
  fs.mkdirSync(options.out, { recursive: true });
  const writers = {
    plans: new RowWriter(options.out, 'plans', format),
    users: new RowWriter(options.out, 'users', format, options.tenants === undefined ? COLUMNS.users : [...COLUMNS.users, 'tenant_id']),
    events: new RowWriter(options.out, 'events', format),
    churn: new RowWriter(options.out, 'churn', format),
  } satisfies Record<FileKind, RowWriter>;
  const bad = new BadRows(options.seed, options.badRows ?? 0);
  const width = Math.max(5, String(options.users).length);
  const ids: Counters = { events: 0, sessions: 0 };
  const last: Record<FileKind, Row | null> = { plans: null, users: null, events: null, churn: null };
  const add = (kind: FileKind, row: Row, profile: Profile) => {
    writers[kind].add(row);
    last[kind] = row;
    bad.maybe(writers[kind], context(kind, profile));
  };
  const context = (kind: FileKind, profile: Profile) => {
    const row = last[kind];
    return { profile, last: row ?? fallback(kind, profile, options.tenants), hasLast: row !== null };
  };

  try {
    let profile: Profile | null = null;
    for (let i = 0; i < options.users; i++) {
      const rng = new Prng(options.seed, i);
      profile = drawProfile(rng, userId(i, width), window);
      const current: Profile = profile;
      const tenant = tenantOf(i, options.tenants);
      add('users', tenant === null ? userRow(current) : [...userRow(current), tenant], current);
      const churn = churnRow(current);
      if (churn) add('churn', churn, current);
      generateActivity(rng, current, window, ids, (row) => add('events', row, current), options.activity ?? 1);
      await Promise.all([writers.users.flush(), writers.events.flush(), writers.churn.flush()]);
    }
    if (profile) {
      for (const row of planRows()) add('plans', row, profile);
      for (const kind of ['plans', 'users', 'events', 'churn'] as const) bad.complete(writers[kind], context(kind, profile));
    }
  } finally {
    await Promise.all(Object.values(writers).map((w) => w.close()));
  }
  const summary = (kind: FileKind): FileSummary => ({
    file: writers[kind].file,
    rows: writers[kind].rows,
    bad: Object.fromEntries(bad.counts[kind]),
  });
  return { endDate, files: { plans: summary('plans'), users: summary('users'), events: summary('events'), churn: summary('churn') } };
}

/** A template for bad rows of a file that has no good row yet (the bad kind overwrites what makes it bad). */
function fallback(kind: FileKind, p: Profile, tenants: number | undefined): Row {
  switch (kind) {
    case 'plans':
      return ['team', 'Team', 'self_serve', '29.00'];
    case 'users':
      return [p.id, iso(p.signupMs), null, null, null, null, null, ...(tenants === undefined ? [] : [tenantOf(0, tenants)])];
    case 'events':
      return ['e_template', p.id, iso(p.signupMs), 'page_view', null, 'navigation', 'web', null, '{}'];
    case 'churn':
      return [p.id, iso(p.signupMs + DAY_MS), 'other'];
  }
}
