import {
  CHURN_REASONS, CITIES, FEATURES_BY_PLAN, LIFETIME_BY_SOURCE, LIFETIME_SCALE_DAYS, PLAN_BY_SOURCE, PLANS, SOURCES,
  type City, type PlanKey,
} from './catalog';
import { type Prng, type Weighted } from './prng';
import { DAY_MS, iso, type TimeWindow } from './time';

/**
 * Who a generated user is: place, source, plan, main feature, how engaged,
 * when they signed up and (when it falls in the window) when they churn.
 * Drawn from the demo catalog so generated data looks like the demo's.
 */

/** Engagement by main feature: automation and API users are hooked, template browsers drift off. */
export const FEATURE_ENGAGEMENT: Readonly<Record<string, number>> = {
  dashboard: 1, reports: 1.05, editor: 1.15, templates: 0.75, integrations: 1.3, automation: 1.5, api: 1.4,
};

/** Local hour of day of signups and session starts: office hours, a smaller evening bump. */
export const HOURS: Weighted<number> = [
  [0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [5, 2], [6, 4], [7, 7], [8, 11], [9, 14], [10, 15], [11, 14],
  [12, 11], [13, 13], [14, 14], [15, 14], [16, 12], [17, 9], [18, 7], [19, 7], [20, 8], [21, 7], [22, 4], [23, 2],
];

export interface Profile {
  readonly id: string;
  readonly city: City;
  readonly source: string | null;
  readonly plan: PlanKey;
  readonly feature: string;
  /** Per-user activity multiplier, feature included (about 0.3 to 3). */
  readonly engage: number;
  readonly signupMs: number;
  /** Churn time, or null when the user outlives the window. */
  readonly churnMs: number | null;
  readonly churnReason: string | null;
  /** Some users sign up and never come back: no events at all. */
  readonly silent: boolean;
}

export function userId(index: number, width: number): string {
  return `u${String(index + 1).padStart(width, '0')}`;
}

export function drawProfile(rng: Prng, id: string, window: TimeWindow): Profile {
  const city = rng.pick(CITIES.map((c) => [c, c.weight] as const));
  const source = rng.pick(SOURCES);
  const plan = rng.pick(PLAN_BY_SOURCE[source ?? 'default'] ?? PLAN_BY_SOURCE.default ?? []);
  const feature = rng.pick(FEATURES_BY_PLAN[plan]);
  const engage = Math.min(3, Math.exp(0.45 * rng.normal())) * (FEATURE_ENGAGEMENT[feature] ?? 1);
  const signupMs = drawSignup(rng, window, city.utcOffset);
  // Lomax (shape 2) lifetime: hazard falls with tenure; plan, source and engagement stretch it.
  const scale = LIFETIME_SCALE_DAYS[plan] * (LIFETIME_BY_SOURCE[source ?? 'unknown'] ?? 1) * Math.sqrt(engage);
  const lifetimeMs = Math.max(60_000, scale * (1 / Math.sqrt(1 - rng.next()) - 1) * DAY_MS);
  const churnAt = Math.floor((signupMs + lifetimeMs) / 1000) * 1000;
  const churnMs = churnAt < window.endMs ? churnAt : null;
  const paid = plan === 'starter' || plan === 'pro' || plan === 'enterprise';
  const churnReason = churnMs === null ? null : rng.pick(paid ? CHURN_REASONS.paid : CHURN_REASONS.unpaid);
  return { id, city, source, plan, feature, engage, signupMs, churnMs, churnReason, silent: rng.chance(0.06) };
}

/** Signups grow over the window (half uniform, half with density rising linearly) and dip at weekends. */
function drawSignup(rng: Prng, window: TimeWindow, offsetS: number): number {
  let day = 0;
  for (let attempt = 0; attempt < 6; attempt++) {
    const u = rng.next();
    day = Math.floor(window.days * (rng.chance(0.5) ? u : Math.sqrt(u)));
    const weekday = new Date(window.startMs + day * DAY_MS).getUTCDay();
    if ((weekday !== 0 && weekday !== 6) || rng.chance(0.55)) break;
  }
  const local = window.startMs + day * DAY_MS - offsetS * 1000;
  let ms = local + rng.pick(HOURS) * 3_600_000 + rng.int(0, 3599) * 1000;
  if (ms < window.startMs) ms += DAY_MS;
  if (ms >= window.endMs) ms -= DAY_MS;
  return ms;
}

export function userRow(p: Profile): (string | null)[] {
  return [p.id, iso(p.signupMs), p.city.country, p.city.region, p.city.city, p.source, p.plan === 'none' ? null : p.plan];
}

export function churnRow(p: Profile): (string | null)[] | null {
  return p.churnMs === null ? null : [p.id, iso(p.churnMs), p.churnReason];
}

export function planRows(): (string | null)[][] {
  return PLANS.map((plan) => [plan.id, plan.name, plan.tier, plan.price]);
}
