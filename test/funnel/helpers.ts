import type { TestApi } from '../support/api';
import { round } from '../support/metrics';

export interface StepRow {
  index: number;
  eventType: string;
  breakdown: string | null;
  users: number;
  conversionRate: number | null;
  stepConversionRate: number | null;
}

export const VIEW_CART_PURCHASE = '[{eventType: "view"}, {eventType: "cart"}, {eventType: "purchase"}]';
export const JUNE = 'timeRange: {from: "2026-06-01", to: "2026-06-07"}';

/** `funnel(args) { steps { ... } }` -> the steps, rates rounded to 6 digits. */
export async function funnelSteps(api: TestApi, args: string): Promise<StepRow[]> {
  const data = await api.data<{ funnel: { steps: StepRow[] } }>(
    `{ funnel(${args}) { steps { index eventType breakdown users conversionRate stepConversionRate } } }`,
  );
  return data.funnel.steps.map((s) => ({ ...s, conversionRate: round(s.conversionRate) as number | null, stepConversionRate: round(s.stepConversionRate) as number | null }));
}

/** Users per step, grouped by breakdown value: { DE: [2, 2, 1], ... }; null is "null". */
export function usersByGroup(steps: readonly StepRow[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const s of steps) (out[String(s.breakdown)] ??= []).push(s.users);
  return out;
}
