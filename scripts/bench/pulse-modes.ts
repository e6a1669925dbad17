import type { Catalog } from '../../src/catalog/types';
import type { Warehouse } from '../../src/db';
import { createPulse, type Pulse } from '../../src/main';
import { createLogger } from '../../src/util/logger';
import type { Question } from './questions';

/**
 * Two Pulse instances over one warehouse, as `PULSE_MARTS=on` and `=off`
 * would create them, each with its own result cache. Requests go through
 * Apollo in-process (executeOperation, like test/support/api.ts).
 */

export interface PulseModes {
  readonly on: Pulse;
  readonly off: Pulse;
  /** Stops both GraphQL servers; the warehouse is the caller's to close. */
  stop(): Promise<void>;
}

export async function createModes(catalog: Catalog, warehouse: Warehouse, cacheBytes: number): Promise<PulseModes> {
  const logger = createLogger({ quiet: true });
  const make = (marts: boolean) => createPulse(catalog, warehouse, { cacheBytes, development: false, marts, logger });
  const on = await make(true);
  const off = await make(false);
  return { on, off, stop: async () => void (await Promise.all([on.apollo.stop(), off.apollo.stop()])) };
}

export interface Meta {
  readonly cached: boolean;
  readonly source: string;
}

/** The question's `answer` field and its meta; GraphQL errors throw. */
export async function ask(pulse: Pulse, question: Question): Promise<{ answer: unknown; meta: Meta }> {
  const response = await pulse.apollo.executeOperation(
    { query: question.document, variables: { ...question.variables } },
    { contextValue: await pulse.context() },
  );
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  if (errors?.length) {
    throw new Error(`question ${question.id}: ${errors.map((e) => `[${String(e.extensions?.code ?? 'ERROR')}] ${e.message}`).join('; ')}`);
  }
  const answer = (data as Record<string, unknown> | null | undefined)?.answer as { meta?: Meta } | undefined;
  if (!answer?.meta) throw new Error(`question ${question.id}: no answer`);
  return { answer, meta: answer.meta };
}
