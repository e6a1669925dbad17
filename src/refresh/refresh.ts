/**
 * Brings every mart up to date, in one transaction with the data version bump,
 * so a reader never sees new raw rows with old marts, nor a half-written mart:
 * on commit, the rows a load added, the marts built from them and the new data
 * version appear together (readers keep the old ones until then: MVCC). A
 * mart rebuilt in full is built in a table aside and swapped in at the end.
 *
 * Each mart is refreshed
 * - from the changes (pulse_changed_events) when it was built from its current
 *   definition at the previous data version: only the days, weeks, months,
 *   users and sessions the new rows touch are recomputed, and marts summed
 *   from user_activity marts apply those rows' delta (pulse_activity_delta);
 * - in full when it was not (new, redefined, or missed a version), when a
 *   mart it is computed from is rebuilt, when the changes are a large share
 *   of it (a full build is then faster), or with `pulse refresh --full`;
 * - not at all when the load did not touch its model's table (it only takes
 *   the new data version); a churn mart, which counts users and churn
 *   records, is recomputed in place after a load of either (or of plans).
 */
import { sql } from 'kysely';
import type { Catalog, Mart } from '../catalog/types';
import type { MartStatus } from '../compiler';
import { STATE_CHANNEL } from '../db';
import { analyzeSql, CHANGED_EVENTS, compileMartSql, createBareSql, createMartSql, keySql, martBuildSql, reloadedBy, sourcesOf, swapSql, type BuildMode } from '../compiler/marts';
import { rawQuery, type SqlRunner } from './runner';
import { readMartStatuses, writeMartStatus } from './state';

export interface RefreshOptions {
  /** Rebuild every mart. */
  readonly full?: boolean;
  /** Rows were loaded: the data version moves on even when no mart changes. */
  readonly loaded?: boolean;
  /** The table whose new rows are listed in pulse_changed_events, when a load added some. */
  readonly changedTable?: string | null;
  /** The table a load added rows to (whether or not they are listed in pulse_changed_events). */
  readonly loadedTable?: string | null;
}

export type RefreshMode = BuildMode | 'unchanged';

export interface MartReport {
  readonly name: string;
  readonly mode: RefreshMode;
  readonly rows: number;
  readonly ms: number;
}

export interface RefreshReport {
  /** The data version after the refresh. */
  readonly dataVersion: string;
  readonly marts: readonly MartReport[];
}

/**
 * A load that touches more (user, day) pairs than this share of the largest
 * mart of its model refreshes that model's marts in full: recomputing keys
 * one by one costs several times a set-based rebuild per row.
 */
const INCREMENTAL_SHARE = 0.2;

// One refresh at a time across processes: concurrent loads would recompute the same mart rows.
const REFRESH_LOCK = 4_206_042;

/** Run inside the caller's transaction; the caller commits. */
export async function refreshMarts(runner: SqlRunner, catalog: Catalog, options: RefreshOptions = {}): Promise<RefreshReport> {
  // Maintenance, not a request: the API's statement timeout (30 s by default) must not cut a rebuild at scale short.
  await runner.run(rawQuery('SET LOCAL statement_timeout = 0'));
  await runner.run(rawQuery('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK]));
  const previous = await readVersion(runner);
  const statuses = await readMartStatuses(runner);
  const changed = options.changedTable ? await countChanges(runner) : 0;
  const modes = planModes(catalog, statuses, previous, changed, options);
  // Nothing loaded and every mart fresh: nothing to do, and no reason to empty every cache.
  if (!options.loaded && [...modes.values()].every((mode) => mode === 'unchanged')) return { dataVersion: previous, marts: [] };
  // Announced to every Pulse process (LISTEN) when the transaction commits, with the marts and rows it carries.
  const bumped = await runner.run(
    rawQuery(
      `WITH bumped AS (UPDATE pulse_meta SET value = (value::bigint + 1)::text WHERE key = 'data_version' RETURNING value)
       SELECT value, pg_notify($1, value) AS notified FROM bumped`,
      [STATE_CHANNEL],
    ),
  );
  const dataVersion = String(bumped.rows[0]?.value ?? previous);
  const reports: MartReport[] = [];
  const maxTimes = new Map<string, Date | null>();
  // Marts rebuilt in full go to a table aside and are swapped in at the end: readers keep the old ones
  // until then, and bulk rows go into tables without indexes, which are built after (far faster).
  const building = new Map<string, Mart>();
  const swaps: Array<{ mart: Mart; rebuilt: string }> = [];
  for (const mart of catalog.marts.values()) {
    const status = statuses.get(mart.name);
    const mode = modes.get(mart.name) ?? 'full';
    const started = Date.now();
    const view = withTables(catalog, building);
    let rows = mode === 'full' ? 0 : (status?.rows ?? 0);
    if (mode === 'full') {
      const rebuilt = `${mart.table}__next`;
      const target = { ...mart, table: rebuilt } as Mart;
      for (const ddl of createBareSql(mart, rebuilt)) await runner.run(compileMartSql(ddl));
      building.set(mart.name, target);
      for (const step of martBuildSql(withTables(catalog, building), target, 'full')) {
        const { affected } = await runner.run(step.query);
        if (step.counts === 'inserted') rows += affected;
      }
      for (const ddl of keySql(mart, rebuilt)) await runner.run(compileMartSql(ddl));
      // Fresh statistics, so queries on a rebuilt mart plan well (PGlite never analyzes by itself).
      await runner.run(analyzeSql(rebuilt).query);
      swaps.push({ mart, rebuilt });
    } else {
      for (const ddl of createMartSql(mart)) await runner.run(compileMartSql(ddl));
      if (mode === 'changes') {
        for (const step of martBuildSql(view, mart, mode)) {
          const { affected } = await runner.run(step.query);
          if (step.counts === 'inserted') rows += affected;
          if (step.counts === 'deleted') rows -= affected;
        }
      }
    }
    const maxTime = mode === 'unchanged' && status ? status.maxTime : await latestTime(runner, catalog, mart, maxTimes);
    await writeMartStatus(runner, mart.name, { hash: mart.hash, dataVersion, rows, maxTime });
    reports.push({ name: mart.name, mode, rows, ms: Date.now() - started });
  }
  for (const { mart, rebuilt } of swaps) for (const ddl of swapSql(mart, rebuilt)) await runner.run(compileMartSql(ddl));
  return { dataVersion, marts: reports };
}

/** The catalog as the build statements see it: marts being rebuilt are read and written in their tables aside. */
function withTables(catalog: Catalog, building: ReadonlyMap<string, Mart>): Catalog {
  if (building.size === 0) return catalog;
  return { ...catalog, marts: new Map([...catalog.marts].map(([name, mart]) => [name, building.get(name) ?? mart])) };
}

/** How each mart is brought up to date (see the top of this file); a mart after the marts it is computed from. */
function planModes(catalog: Catalog, statuses: ReadonlyMap<string, MartStatus>, previous: string, changed: number, options: RefreshOptions): Map<string, RefreshMode> {
  const modes = new Map<string, RefreshMode>();
  const largest = new Map<string, number>();
  for (const mart of catalog.marts.values()) largest.set(mart.model, Math.max(largest.get(mart.model) ?? 0, statuses.get(mart.name)?.rows ?? 0));
  for (const mart of catalog.marts.values()) {
    const status = statuses.get(mart.name);
    const reloaded = options.loadedTable ? reloadedBy(catalog, mart).includes(options.loadedTable) : false;
    const touched = reloaded || (options.changedTable === tableOf(catalog, mart) && changed > 0);
    const fresh = status !== undefined && status.hash === mart.hash && status.dataVersion === previous;
    const sourceRebuilt = sourcesOf(catalog, mart).some((name) => modes.get(name) === 'full');
    const large = !reloaded && touched && changed > INCREMENTAL_SHARE * (largest.get(mart.model) ?? 0);
    modes.set(mart.name, options.full || !fresh || sourceRebuilt || large ? 'full' : touched ? 'changes' : 'unchanged');
  }
  return modes;
}

async function readVersion(runner: SqlRunner): Promise<string> {
  const { rows } = await runner.run(rawQuery("SELECT value FROM pulse_meta WHERE key = 'data_version'"));
  return String(rows[0]?.value ?? '0');
}

async function countChanges(runner: SqlRunner): Promise<number> {
  // Statistics first: every mart's refresh joins this table to its own (see tempTable in compiler/marts/build).
  await runner.run(compileMartSql(sql`ANALYZE ${sql.table(CHANGED_EVENTS)}`));
  const { rows } = await runner.run(compileMartSql(sql`SELECT count(*) AS n FROM ${sql.table(CHANGED_EVENTS)}`));
  return Number(rows[0]?.n ?? 0);
}

function tableOf(catalog: Catalog, mart: Mart): string | null {
  return catalog.models.get(mart.model)?.table ?? null;
}

/** The latest time column value of the mart's model (an index read), once per model. */
async function latestTime(runner: SqlRunner, catalog: Catalog, mart: Mart, cache: Map<string, Date | null>): Promise<Date | null> {
  if (cache.has(mart.model)) return cache.get(mart.model) ?? null;
  const model = catalog.models.get(mart.model);
  if (!model?.timeColumn) return null;
  const { rows } = await runner.run(compileMartSql(sql`SELECT max(${sql.ref(model.timeColumn)}) AS at FROM ${sql.table(model.table)}`));
  const at = rows[0]?.at;
  const value = at === null || at === undefined ? null : new Date(at as string | Date);
  cache.set(mart.model, value);
  return value;
}
