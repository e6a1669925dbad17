/**
 * The two servers bench-warm.ts compares, each run in a child process of its
 * own so the load generator does not share their event loop: Pulse over a
 * small demo warehouse, and a bare Apollo Server answering a constant object.
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { loadCatalog } from '../src/catalog';
import { migrateToLatest, openWarehouse } from '../src/db';
import { loadDemoData } from '../src/ingest/demo';
import { createPulse } from '../src/main';
import { listen, type HttpServer } from '../src/server/http';
import { createLogger } from '../src/util/logger';

/** Pulse as `pulse serve` runs it (createPulse + the HTTP handler), over BENCH_DATABASE_URL or a small in-memory demo. */
export async function startPulse(): Promise<HttpServer & { close(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL ?? null;
  const warehouse = await openWarehouse({ databaseUrl: url, dataDir: 'memory://' });
  await migrateToLatest(warehouse.db);
  const empty = !(await warehouse.db.selectFrom('users').select('user_id').limit(1).executeTakeFirst());
  const catalog = await loadCatalog('metrics');
  if (empty) await loadDemoData(warehouse, url, catalog, { users: 600, days: 60 });
  const pulse = await createPulse(catalog, warehouse, { cacheBytes: 64 * 1024 * 1024, development: false, logger: createLogger({ quiet: true }) });
  const http = await listen(pulse.apollo, () => pulse.context(), { port: 0, host: '127.0.0.1' });
  return { ...http, close: () => http.stop().then(() => pulse.close()) };
}

const BARE_SCHEMA = `#graphql
  input TimeRange { from: String!, to: String! }
  enum TimeGrain { HOUR DAY WEEK MONTH QUARTER YEAR }
  type ResultMeta { cached: Boolean!, source: String!, dataVersion: String!, computedAt: String! }
  type MetricRow { period: String, dau: Float, wau: Float, mau: Float, stickiness: Float, activeUsers: Float }
  type MetricResult { rows: [MetricRow!]!, sql: String!, cached: Boolean!, meta: ResultMeta! }
  type Query { metrics(timeRange: TimeRange!, grain: TimeGrain, timezone: String): MetricResult! }
`;

/** A bare Apollo Server (same version, same HTTP handler) whose resolver returns `answer`, the Pulse answer measured. */
export async function startBare(answer: unknown): Promise<HttpServer & { close(): Promise<void> }> {
  const apollo = new ApolloServer({ typeDefs: BARE_SCHEMA, resolvers: { Query: { metrics: () => answer } } });
  await apollo.start();
  const http = await listen(apollo, async () => ({}), { port: 0, host: '127.0.0.1' });
  return { ...http, close: () => http.stop().then(() => apollo.stop()) };
}

/** Child entry: start the named server, say its URL to the parent; on 'cpu' say the CPU time used so far, on 'stop' stop. */
export async function serveChild(kind: string, answer: unknown): Promise<void> {
  const server = kind === 'pulse' ? await startPulse() : await startBare(answer);
  process.send?.({ url: server.url });
  process.on('message', (message) => {
    if (message === 'stop') void server.close().then(() => process.exit(0));
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    }
  });
}
