import type { GraphQLFormattedError } from 'graphql';
import { shippedCatalog } from './shipped';
import type { Catalog } from '../../src/catalog/types';
import type { Warehouse } from '../../src/db';
import { createPulse, type Pulse, type PulseOptions } from '../../src/main';
import type { Logger } from '../../src/util/logger';

export interface Answer<T = Record<string, unknown>> {
  readonly data: T | null | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
}

export interface TestApi {
  readonly pulse: Pulse;
  readonly logged: Array<{ message: string; details: object }>;
  query<T = Record<string, any>>(document: string, variables?: Record<string, unknown>): Promise<Answer<T>>;
  /** Like query, but fails the test on any error and returns data. */
  data<T = Record<string, any>>(document: string, variables?: Record<string, unknown>): Promise<T>;
}

let catalogPromise: Promise<Catalog> | undefined;
export function realCatalog(): Promise<Catalog> {
  // The shipped definitions only: a metric a user adds to metrics/ leaves the tests as they are.
  return (catalogPromise ??= Promise.resolve(shippedCatalog()));
}

export interface TestApiOptions {
  /**
   * Run every document twice, answering from marts and from raw tables only
   * (PULSE_MARTS=off), and fail on any difference in data or errors: every
   * query of the suite is a differential test of the marts. Off for tests
   * that count the statements reaching the warehouse.
   */
  readonly differential?: boolean;
}

/** The GraphQL API over a warehouse, as the server runs it (same schema, context and error formatting). */
export async function createTestApi(warehouse: Warehouse, catalog?: Catalog, options: TestApiOptions & Partial<PulseOptions> = {}): Promise<TestApi> {
  const logged: TestApi['logged'] = [];
  const record = (details: object, message: string) => logged.push({ message, details });
  const logger: Logger = { info: () => undefined, warn: record, error: record };
  const definitions = catalog ?? (await realCatalog());
  const { differential, ...pulseOptions } = options;
  const settings = { cacheBytes: 8 * 1024 * 1024, development: false, logger, ...pulseOptions };
  const pulse = await createPulse(definitions, warehouse, settings);
  const raw = differential === false ? null : await createPulse(definitions, warehouse, { ...settings, marts: false });
  const run = async <T>(target: Pulse, document: string, variables?: Record<string, unknown>): Promise<Answer<T>> => {
    const response = await target.apollo.executeOperation({ query: document, variables }, { contextValue: await target.context() });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return { data: response.body.singleResult.data as T | null | undefined, errors: response.body.singleResult.errors };
  };
  const query = async <T>(document: string, variables?: Record<string, unknown>): Promise<Answer<T>> => {
    const answer = await run<T>(pulse, document, variables);
    if (raw) {
      const fromRaw = await run<T>(raw, document, variables);
      const [a, b] = [comparable(answer), comparable(fromRaw)];
      if (a !== b) throw new Error(`marts and raw tables answer differently for\n${document}\nmarts: ${a}\nraw:   ${b}`);
    }
    return answer;
  };
  const close = pulse.close.bind(pulse);
  // The raw twin shares the warehouse: stop it (its state watcher holds a LISTEN connection on PostgreSQL), then close both.
  const stop = pulse.stop.bind(pulse);
  const closing: Pulse = { ...pulse, stop: async () => { await raw?.stop(); await stop(); }, close: async () => { await raw?.stop(); await close(); } };
  return {
    pulse: closing,
    logged,
    query,
    async data<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
      const answer = await query<T>(document, variables);
      if (answer.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors, null, 2)}`);
      return answer.data as T;
    },
  };
}

/** An answer without what may differ between the two ways of answering: the SQL text, cache flags and provenance. */
function comparable(answer: Answer<unknown>): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !['sql', 'cached', 'meta'].includes(key)).map(([key, child]) => [key, strip(child)]));
  };
  const errors = (answer.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code ?? null, path: e.path ?? null }));
  return JSON.stringify({ data: strip(answer.data), errors });
}
