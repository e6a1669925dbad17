import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Two warehouse connections per core (4 to 20): more statements at once than
 * PostgreSQL has cores to run them only slows each, and starves the server's
 * own thread when both share a machine.
 */
const DEFAULT_POOL_SIZE = Math.min(20, Math.max(4, 2 * os.availableParallelism()));

/** Read the environment once; everything downstream gets this frozen object. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PULSE_DATA_DIR: z.string().min(1).default('.pulse'),
  PULSE_METRICS_DIR: z.string().min(1).default('metrics'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('localhost'),
  PULSE_CACHE_MB: z.coerce.number().positive().default(64),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  PULSE_REDIS_PREFIX: z.string().min(1).default('pulse:'),
  PULSE_REDIS_TTL_S: z.coerce.number().int().positive().default(86_400),
  PULSE_REDIS_MAX_ENTRY_KB: z.coerce.number().positive().default(1024),
  PULSE_CACHE_STALE: z.enum(['on', 'off']).default('off'),
  PULSE_VERSION_POLL_S: z.coerce.number().positive().default(5),
  PULSE_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  PULSE_DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  PULSE_MARTS: z.enum(['on', 'off']).default('on'),
  PULSE_AUTH: z.enum(['required', 'off']).optional(),
  PULSE_MAX_BODY_KB: z.coerce.number().positive().default(256),
  PULSE_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  PULSE_MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
  PULSE_MAX_COST: z.coerce.number().int().positive().default(100_000),
  PULSE_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  PULSE_POOL_SIZE: z.coerce.number().int().min(2).default(DEFAULT_POOL_SIZE),
  PULSE_QUEUE_MAX: z.coerce.number().int().nonnegative().default(500),
  PULSE_RATE_LIMIT: z.coerce.number().int().nonnegative().default(600),
  PULSE_PERSISTED_QUERIES: z.string().min(1).optional(),
  PULSE_INTROSPECTION: z.enum(['on', 'off']).default('on'),
  PULSE_CORS_ORIGINS: z.string().default(''),
  PULSE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 wants a 256-bit secret)').optional(),
  NODE_ENV: z.string().default('production'),
});

export interface Config {
  /** postgres:// URL, or null for the embedded PGlite warehouse. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly metricsDir: string;
  readonly port: number;
  readonly host: string;
  readonly cacheBytes: number;
  /** The shared second cache level; null: in-process only. */
  readonly redis: RedisConfig | null;
  /** Serve an older version's answer at once while recomputing it (dashboards). */
  readonly cacheStale: boolean;
  /** How often the data version is read even when no change was heard (the LISTEN safety net). */
  readonly versionPollMs: number;
  readonly queryTimeoutMs: number;
  /** Warehouse connections (PostgreSQL's pool; PULSE_POOL_SIZE); a quarter of them is kept for statements over marts. */
  readonly poolSize: number;
  /** Fill an empty warehouse with the demo data set on start. */
  readonly demoData: boolean;
  /** Answer from marts when they give exactly the raw answer (PULSE_MARTS=off: raw tables only). */
  readonly marts: boolean;
  /** SPEC §11: PULSE_AUTH (default: off on a loopback listener, required otherwise) and PULSE_JWT_SECRET. */
  readonly auth: { readonly required: boolean; readonly jwtSecret: string | null };
  readonly limits: Limits;
  /** Allow-list mode: the manifest of the documents non-admin principals may run (PULSE_PERSISTED_QUERIES); null: any document. */
  readonly persistedQueriesFile: string | null;
  /** Origins a browser page may call Pulse from (PULSE_CORS_ORIGINS, comma-separated; * for any). */
  readonly corsOrigins: readonly string[];
  readonly development: boolean;
}

/** Whether a listen address is loopback only (the local demo), where auth defaults to off. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** SPEC §11 limits; each refusal has its code. */
export interface Limits {
  /** PAYLOAD_TOO_LARGE above it. */
  readonly maxBodyBytes: number;
  /** QUERY_TOO_COMPLEX above these. */
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** QUERY_TOO_COMPLEX above this estimated cost (graphql/cost.ts: buckets x dimensions x metrics, ...). */
  readonly maxCost: number;
  /** QUERY_TOO_COMPLEX for an answer of more rows (PULSE_MAX_ROWS). */
  readonly maxRows: number;
  /** Statements waiting for a warehouse connection at most; beyond, WAREHOUSE_UNAVAILABLE (PULSE_QUEUE_MAX). */
  readonly maxQueue: number;
  /** RATE_LIMITED above this many requests a minute per principal; 0: no limit. */
  readonly ratePerMinute: number;
  /** PULSE_INTROSPECTION=off hides the schema from introspection (production with persisted clients). */
  readonly introspection: boolean;
}

export interface RedisConfig {
  readonly url: string;
  readonly prefix: string;
  readonly ttlSeconds: number;
  readonly maxEntryBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.PULSE_DATA_DIR),
    metricsDir: path.resolve(e.PULSE_METRICS_DIR),
    port: e.PORT,
    host: e.HOST,
    cacheBytes: Math.round(e.PULSE_CACHE_MB * 1024 * 1024),
    redis: e.REDIS_URL
      ? { url: e.REDIS_URL, prefix: e.PULSE_REDIS_PREFIX, ttlSeconds: e.PULSE_REDIS_TTL_S, maxEntryBytes: Math.round(e.PULSE_REDIS_MAX_ENTRY_KB * 1024) }
      : null,
    cacheStale: e.PULSE_CACHE_STALE === 'on',
    versionPollMs: Math.round(e.PULSE_VERSION_POLL_S * 1000),
    queryTimeoutMs: e.PULSE_QUERY_TIMEOUT_MS,
    poolSize: e.PULSE_POOL_SIZE,
    demoData: e.PULSE_DEMO_DATA === 'auto',
    marts: e.PULSE_MARTS === 'on',
    limits: {
      maxBodyBytes: Math.round(e.PULSE_MAX_BODY_KB * 1024),
      maxDepth: e.PULSE_MAX_DEPTH,
      maxAliases: e.PULSE_MAX_ALIASES,
      maxCost: e.PULSE_MAX_COST,
      maxRows: e.PULSE_MAX_ROWS,
      maxQueue: e.PULSE_QUEUE_MAX,
      ratePerMinute: e.PULSE_RATE_LIMIT,
      introspection: e.PULSE_INTROSPECTION === 'on',
    },
    persistedQueriesFile: e.PULSE_PERSISTED_QUERIES === undefined ? null : path.resolve(e.PULSE_PERSISTED_QUERIES),
    corsOrigins: e.PULSE_CORS_ORIGINS.split(',').map((o) => o.trim()).filter((o) => o !== ''),
    auth: { required: e.PULSE_AUTH === undefined ? !isLoopback(e.HOST) : e.PULSE_AUTH === 'required', jwtSecret: e.PULSE_JWT_SECRET ?? null },
    development: e.NODE_ENV === 'development',
    ...overrides,
  });
}
