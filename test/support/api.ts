import type { GraphQLFormattedError } from 'graphql';
import { loadCatalog } from '../../src/catalog';
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
  return (catalogPromise ??= loadCatalog('metrics'));
}

/** The GraphQL API over a warehouse, as the server runs it (same schema, context and error formatting). */
export async function createTestApi(warehouse: Warehouse, catalog?: Catalog, options: Partial<PulseOptions> = {}): Promise<TestApi> {
  const logged: TestApi['logged'] = [];
  const record = (details: object, message: string) => logged.push({ message, details });
  const logger: Logger = { info: () => undefined, warn: record, error: record };
  const pulse = await createPulse(catalog ?? (await realCatalog()), warehouse, { cacheBytes: 8 * 1024 * 1024, development: false, logger, ...options });
  const query = async <T>(document: string, variables?: Record<string, unknown>): Promise<Answer<T>> => {
    const response = await pulse.apollo.executeOperation({ query: document, variables }, { contextValue: await pulse.context() });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return { data: response.body.singleResult.data as T | null | undefined, errors: response.body.singleResult.errors };
  };
  return {
    pulse,
    logged,
    query,
    async data<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
      const answer = await query<T>(document, variables);
      if (answer.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors, null, 2)}`);
      return answer.data as T;
    },
  };
}
