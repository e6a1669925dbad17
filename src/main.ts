import 'reflect-metadata';
import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadCatalog } from './catalog';
import { authenticate, AuthError, RateLimiter, type AuthOptions, type Principal } from './auth';
import type { Catalog } from './catalog/types';
import type { Config, Limits, RedisConfig } from './config/config';
import { announceServer, migrateToLatest, openWarehouse, pendingMigrations, readDemoState, resetWarehouse, signalLocalChange, writeDemoState, type Warehouse } from './db';
import { Executor, gateFor, LocalCache, RedisResultStore, TenantShadow, TENANT_COLUMN, readWarehouseSnapshot, runDataTests, WarehouseState, watchWarehouseState } from './execution';
import {
  buildPulseSchema,
  costPlugin,
  createContext,
  createErrorFormatter,
  documentLimitRules,
  parseManifest,
  persistedQueriesPlugin,
  requestLogPlugin,
  textArgumentsPlugin,
  type PersistedQueries,
  type PulseContext,
} from './graphql';
import { loadDemoData, type DemoOptions } from './ingest/demo';
import { kyselyRunner, refreshMarts } from './refresh';
import { listen, type HttpServer, type Probes } from './server/http';
import { locateWebRoot, webAssets } from './server/web-assets';
import { Telemetry } from './server/telemetry';
import type { Logger } from './util/logger';

/** A running Pulse without HTTP: catalog, warehouse, executor and GraphQL server. */
export interface Pulse {
  readonly catalog: Catalog;
  readonly warehouse: Warehouse;
  readonly executor: Executor;
  readonly apollo: ApolloServer<PulseContext>;
  /** A request's context, as `principal` (default: the local admin, as the CLI acts). */
  context(principal?: Principal): Promise<PulseContext>;
  /** /metrics and /readyz of the HTTP server. */
  readonly probes: Probes;
  /** The context of an HTTP request with this Authorization header (SPEC §11), or an AuthError. */
  requestContext(authorization: string | undefined): Promise<PulseContext>;
  /** Stop serving (state watcher, Apollo, background work, Redis) but leave the warehouse open, for whoever shares it. */
  stop(): Promise<void>;
  /** stop(), then close the warehouse. */
  close(): Promise<void>;
}

/** Composition root: config -> catalog -> warehouse (migrated, demo-filled) -> GraphQL. */
export async function openPulse(config: Config, logger: Logger): Promise<Pulse> {
  const catalog = await loadCatalog(config.metricsDir);
  const file = config.persistedQueriesFile;
  const persistedQueries = file === null ? null : parseManifest(readText(file, 'PULSE_PERSISTED_QUERIES'), file);
  const warehouse = await openWarehouse(config);
  try {
    const applied = await migrateToLatest(warehouse.db);
    if (applied.length > 0) logger.info({ applied }, 'migrated the warehouse');
    if (config.demoData) await fillDemoData(warehouse, catalog, config.databaseUrl, logger);
    if (config.marts) await buildStaleMarts(warehouse, catalog, logger);
  } catch (error) {
    await warehouse.close();
    throw error;
  }
  return createPulse(catalog, warehouse, {
    cacheBytes: config.cacheBytes,
    development: config.development,
    logger,
    marts: config.marts,
    redis: config.redis,
    staleWhileRefresh: config.cacheStale,
    versionPollMs: config.versionPollMs,
    auth: config.auth,
    limits: config.limits,
    poolSize: config.poolSize,
    queryTimeoutMs: config.queryTimeoutMs,
    persistedQueries,
  });
}

function readText(file: string, setting: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${setting}: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
}

export interface PulseOptions {
  readonly cacheBytes: number;
  readonly development: boolean;
  readonly logger: Logger;
  /** Answer from marts (default true); false answers from raw tables only. */
  readonly marts?: boolean;
  /** The shared second cache level (REDIS_URL); absent: in-process only. */
  readonly redis?: RedisConfig | null;
  /** PULSE_CACHE_STALE=on. */
  readonly staleWhileRefresh?: boolean;
  /** The safety-net re-read of the data version (default 5 s). */
  readonly versionPollMs?: number;
  /** PULSE_AUTH and PULSE_JWT_SECRET; default off (every request is the local admin). */
  readonly auth?: AuthOptions;
  /** Document and request limits; default: none but Apollo's. */
  readonly limits?: Limits;
  /** The warehouse pool's size, which the statement gate bounds (default 10; PGlite runs one statement at a time). */
  readonly poolSize?: number;
  /** How long a statement may wait for a connection (the statement timeout; default: no limit). */
  readonly queryTimeoutMs?: number;
  /** Allow-list mode: principals other than admins run only these documents (default: any document). */
  readonly persistedQueries?: PersistedQueries | null;
}

/** Pulse over an open, migrated warehouse: the GraphQL server and its executor. */
export async function createPulse(catalog: Catalog, warehouse: Warehouse, options: PulseOptions): Promise<Pulse> {
  const marts = options.marts ?? true;
  const state = new WarehouseState(() => readWarehouseSnapshot(warehouse, marts));
  const stopWatching = await watchWarehouseState(warehouse, state, { pollMs: options.versionPollMs ?? 5_000, logger: options.logger });
  const store = options.redis ? new RedisResultStore({ ...options.redis, logger: options.logger }) : null;
  await store?.settle(1_000);
  const tenants = new TenantShadow(catalog);
  // PGlite runs one statement at a time: two slots, so a light statement waits for one heavy one at most.
  const gate = gateFor(warehouse.engine === 'pglite' ? 2 : (options.poolSize ?? 10), options.limits?.maxQueue ?? Number.POSITIVE_INFINITY, options.queryTimeoutMs);
  const telemetry = new Telemetry(gate);
  const executor = new Executor(warehouse, new LocalCache(options.cacheBytes), catalog.hash, {
    state,
    store,
    tenants,
    gate,
    maxRows: options.limits?.maxRows,
    observer: telemetry.statementObserver,
    staleWhileRefresh: options.staleWhileRefresh ?? false,
  });
  const limiter = new RateLimiter(options.limits?.ratePerMinute ?? 0);
  const apollo = new ApolloServer<PulseContext>({
    schema: buildPulseSchema(catalog),
    validationRules: options.limits ? documentLimitRules(options.limits) : [],
    introspection: options.limits?.introspection ?? true,
    plugins: [
      // The server serves its own bundled GraphiQL at /graphql (Apollo's Sandbox loads from a CDN: blank offline).
      ApolloServerPluginLandingPageDisabled(),
      textArgumentsPlugin<PulseContext>(),
      ...(options.persistedQueries ? [persistedQueriesPlugin(options.persistedQueries)] : []),
      ...(options.limits ? [costPlugin<PulseContext>(catalog, options.limits.maxCost)] : []),
      requestLogPlugin((entry) => {
        telemetry.request(entry.fields, entry.ms, entry.errors.length === 0);
        options.logger.info(entry, 'request');
      }),
    ],
    formatError: createErrorFormatter(options.logger, options.development),
    includeStacktraceInErrorResponses: false,
    // Apollo's own handler re-raises the signal once Apollo alone has stopped: the warehouse
    // (PGlite's directory and its lock) would be left open. `pulse serve` stops everything itself.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const stop = async (): Promise<void> => {
    await stopWatching();
    await apollo.stop();
    await executor.settled(); // background refreshes still use the warehouse
    await store?.close();
  };
  return {
    catalog,
    warehouse,
    executor,
    apollo,
    context: async (principal?: Principal) => createContext(catalog, executor, { principal }),
    probes: {
      metrics: () => telemetry.text(),
      async ready() {
        try {
          const pending = await pendingMigrations(warehouse.db);
          return { ready: pending.length === 0, warehouse: 'reachable', pendingMigrations: pending };
        } catch {
          return { ready: false, warehouse: 'unreachable' };
        }
      },
    },
    async requestContext(authorization) {
      const principal = await authenticate(warehouse.db, options.auth ?? { required: false, jwtSecret: null }, authorization);
      if (principal.tenant !== null && tenants.tenantTables.length === 0) {
        throw new AuthError('FORBIDDEN', `tenant ${principal.tenant}: the catalog's users model has no ${TENANT_COLUMN} column, so there is no tenant to scope to`);
      }
      // Per principal; the local admin of PULSE_AUTH=off (the demo, the CLI) is not limited.
      if (principal.via !== 'local') limiter.take(`${principal.via}:${principal.name}:${principal.tenant ?? ''}`);
      return createContext(catalog, executor, { principal });
    },
    stop,
    async close() {
      await stop();
      await warehouse.close();
    },
  };
}

/** Marts new to the catalog, redefined, or missed by a load are built before serving (a no-op when all are fresh). */
async function buildStaleMarts(warehouse: Warehouse, catalog: Catalog, logger: Logger): Promise<void> {
  const started = Date.now();
  const report = await warehouse.db.transaction().execute((trx) => refreshMarts(kyselyRunner(trx), catalog));
  if (report.marts.length === 0) return;
  signalLocalChange(warehouse.db);
  const built = report.marts.filter((m) => m.mode !== 'unchanged').map((m) => m.name);
  logger.info({ built, ms: Date.now() - started, dataVersion: report.dataVersion }, 'built the marts that were missing or stale');
}

/**
 * An empty warehouse gets the demo data set. The load is marked `loading`
 * until its last file is in: a start that finds the mark (the earlier one was
 * stopped mid-load) empties the warehouse and loads it again, so a partial
 * demo is never served as if complete.
 */
export async function fillDemoData(warehouse: Warehouse, catalog: Catalog, databaseUrl: string | null, logger: Logger, options: Partial<DemoOptions> = {}): Promise<'loaded' | 'reloaded' | 'present'> {
  const interrupted = (await readDemoState(warehouse.db)) === 'loading';
  if (interrupted) {
    logger.warn({}, 'the demo load of an earlier start did not finish: emptying the warehouse and loading the demo again');
    await resetWarehouse(warehouse.db);
  } else if (await warehouse.db.selectFrom('users').select('user_id').limit(1).executeTakeFirst()) {
    return 'present';
  }
  const started = Date.now();
  logger.info({}, 'empty warehouse: generating the demo data set and ingesting it (once; Ctrl-C now and the next start begins again)');
  await writeDemoState(warehouse.db, 'loading');
  const result = await loadDemoData(warehouse, databaseUrl, catalog, options);
  await writeDemoState(warehouse.db, 'complete');
  const loaded = Object.fromEntries(result.files.map((f) => [f.kind, f.loaded]));
  logger.info({ ...loaded, ms: Date.now() - started }, 'demo data loaded');
  // So `dataQuality` has results from the first start, as after a `pulse check`.
  const { summary } = await runDataTests(warehouse, catalog);
  logger.info({ ...summary }, 'data tests ran on the demo data');
  return interrupted ? 'reloaded' : 'loaded';
}

export async function serve(config: Config, logger: Logger): Promise<{ pulse: Pulse; http: HttpServer }> {
  const pulse = await openPulse(config, logger);
  let http: HttpServer;
  try {
    http = await listen(pulse.apollo, (req) => pulse.requestContext(req.headers.authorization), {
      port: config.port,
      host: config.host,
      maxBodyBytes: config.limits.maxBodyBytes,
      corsOrigins: config.corsOrigins,
      probes: pulse.probes,
      web: webAssets(locateWebRoot(), { frameAncestors: config.corsOrigins }),
    });
  } catch (error) {
    await pulse.close(); // nothing may keep the process alive (or the warehouse locked) after this
    throw listenProblem(error, config);
  }
  if (pulse.warehouse.engine === 'pglite') {
    // `pulse query` finds the server here while it holds the embedded warehouse.
    const withdraw = announceServer(config.dataDir, http.url);
    const stop = http.stop.bind(http);
    http = { url: http.url, stop: async () => (withdraw(), stop()) };
  }
  const dashboard = http.url.replace(/graphql$/, '');
  logger.info({ dashboard, graphql: http.url, engine: pulse.warehouse.engine, auth: config.auth.required ? 'required' : 'off' }, `Pulse is serving: the dashboard at ${dashboard}, GraphQL at ${http.url}`);
  return { pulse, http };
}

/** A listen failure in words a user can act on: which port, and how to choose another. */
function listenProblem(error: unknown, config: Config): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new Error(`Port ${config.port} on ${config.host} is in use (another Pulse, or another program): stop it, or choose another port with PORT=... or --port ...`);
  if (code === 'EACCES') return new Error(`Port ${config.port} on ${config.host} needs privileges this process does not have: choose a port above 1023 with PORT=... or --port ...`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new Error(`Cannot listen on ${config.host}: no such address on this machine (HOST or --host)`);
  return error instanceof Error ? error : new Error(String(error));
}
