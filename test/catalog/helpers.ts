import { parseCatalog } from '../../src/catalog';
import { DefinitionError, formatLocation } from '../../src/util/errors';

/** Models most tests build on, in their own file so line numbers in `test.yml` start at 1. */
export const BASE_MODELS = `models:
  - name: events
    table: events
    primary_key: event_id
    user_key: user_id
    time: occurred_at
    columns: { event_id: string, user_id: string, occurred_at: timestamp, platform: string, amount: number, properties: json }
    joins: [{ model: users, column: user_id }]
  - name: users
    table: users
    primary_key: user_id
    user_key: user_id
    time: signup_at
    columns: { user_id: string, signup_at: timestamp, country: string, plan_id: string }
    joins: [{ model: plans, column: plan_id }]
  - name: plans
    table: plans
    primary_key: plan_id
    columns: { plan_id: string, name: string, monthly_price: number }
dimensions:
  - { name: platform, model: events, column: platform }
  - { name: country, model: users, column: country }
`;

/** "file:line:column CODE: message" for every problem of the files, [] when they load. */
export function problems(files: Record<string, string>): string[] {
  try {
    parseCatalog(Object.entries(files).map(([path, text]) => ({ path, text })));
    return [];
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    return error.problems.map((p) => `${formatLocation(p.location)} ${p.code}: ${p.message}`);
  }
}

/** Problems of `test.yml` loaded next to BASE_MODELS. */
export function problemsWithBase(text: string): string[] {
  return problems({ 'base.yml': BASE_MODELS, 'test.yml': text });
}
