/**
 * The fixed shape of generated data: plans, places, sources and the weights
 * the generator draws from. Weights are relative (they need not sum to anything).
 */

export type Weighted<T> = readonly (readonly [T, number])[];

export interface DemoPlan {
  readonly id: string;
  readonly name: string;
  readonly tier: string;
  readonly price: string;
}

export const PLANS: readonly DemoPlan[] = [
  { id: 'free', name: 'Free', tier: 'free', price: '0.00' },
  { id: 'starter', name: 'Starter', tier: 'self_serve', price: '19.00' },
  { id: 'pro', name: 'Pro', tier: 'self_serve', price: '49.00' },
  { id: 'enterprise', name: 'Enterprise', tier: 'sales_led', price: '199.00' },
];

/** Plan keys the generator branches on; 'none' stands for a user without a plan (null plan_id). */
export type PlanKey = 'free' | 'starter' | 'pro' | 'enterprise' | 'none';
export const PLAN_KEYS: readonly PlanKey[] = ['none', 'free', 'starter', 'pro', 'enterprise'];

export interface City {
  readonly country: string | null;
  readonly region: string | null;
  readonly city: string | null;
  /** Standard-time UTC offset in seconds: places activity in the user's local day. */
  readonly utcOffset: number;
  readonly weight: number;
}

const H = 3600;
// ASCII names only, so the rows are identical whatever the database encoding.
export const CITIES: readonly City[] = [
  { country: 'US', region: 'California', city: 'San Francisco', utcOffset: -8 * H, weight: 80 },
  { country: 'US', region: 'California', city: 'Los Angeles', utcOffset: -8 * H, weight: 55 },
  { country: 'US', region: 'New York', city: 'New York', utcOffset: -5 * H, weight: 90 },
  { country: 'US', region: 'Texas', city: 'Austin', utcOffset: -6 * H, weight: 45 },
  { country: 'US', region: 'Washington', city: 'Seattle', utcOffset: -8 * H, weight: 40 },
  { country: 'US', region: 'Illinois', city: 'Chicago', utcOffset: -6 * H, weight: 40 },
  { country: 'US', region: null, city: null, utcOffset: -6 * H, weight: 12 },
  { country: 'CA', region: 'Ontario', city: 'Toronto', utcOffset: -5 * H, weight: 40 },
  { country: 'GB', region: 'England', city: 'London', utcOffset: 0, weight: 80 },
  { country: 'GB', region: 'England', city: null, utcOffset: 0, weight: 10 },
  { country: 'DE', region: 'Bavaria', city: 'Munich', utcOffset: 1 * H, weight: 40 },
  { country: 'DE', region: 'Berlin', city: 'Berlin', utcOffset: 1 * H, weight: 50 },
  { country: 'FR', region: 'Ile-de-France', city: 'Paris', utcOffset: 1 * H, weight: 50 },
  { country: 'NL', region: 'North Holland', city: 'Amsterdam', utcOffset: 1 * H, weight: 30 },
  { country: 'ES', region: 'Catalonia', city: 'Barcelona', utcOffset: 1 * H, weight: 20 },
  { country: 'IN', region: 'Karnataka', city: 'Bengaluru', utcOffset: 5.5 * H, weight: 55 },
  { country: 'IN', region: 'Maharashtra', city: 'Mumbai', utcOffset: 5.5 * H, weight: 40 },
  { country: 'JP', region: 'Tokyo', city: 'Tokyo', utcOffset: 9 * H, weight: 35 },
  { country: 'AU', region: 'New South Wales', city: 'Sydney', utcOffset: 10 * H, weight: 30 },
  { country: 'BR', region: 'Sao Paulo', city: 'Sao Paulo', utcOffset: -3 * H, weight: 35 },
  { country: 'SG', region: 'Singapore', city: 'Singapore', utcOffset: 8 * H, weight: 18 },
  { country: null, region: null, city: null, utcOffset: 0, weight: 25 },
];

export const SOURCES: Weighted<string | null> = [
  ['organic', 34],
  ['paid_search', 24],
  ['social', 18],
  ['referral', 14],
  ['partner', 7],
  [null, 3],
];

/** Plan mix by acquisition source: partners bring bigger accounts, social brings tourists. */
export const PLAN_BY_SOURCE: Readonly<Record<string, Weighted<PlanKey>>> = {
  default: [['none', 9], ['free', 50], ['starter', 21], ['pro', 14], ['enterprise', 6]],
  social: [['none', 12], ['free', 60], ['starter', 17], ['pro', 9], ['enterprise', 2]],
  partner: [['none', 4], ['free', 22], ['starter', 22], ['pro', 30], ['enterprise', 22]],
};

/**
 * Churn: lifetimes are Lomax (Pareto II, shape 2) with this scale in days, so
 * the hazard falls with tenure, and the draw needs only sqrt (exact in IEEE on
 * every engine, unlike ln). Survival after t days is (1 + t/scale)^-2.
 */
export const LIFETIME_SCALE_DAYS: Readonly<Record<PlanKey, number>> = {
  none: 160, free: 190, starter: 520, pro: 950, enterprise: 3100,
};
export const LIFETIME_BY_SOURCE: Readonly<Record<string, number>> = {
  organic: 1, paid_search: 0.75, social: 0.65, referral: 1.35, partner: 1.6, unknown: 0.9,
};
/** Chance that a churned user comes back, 10 to 52 days later. */
export const RESURRECT: Readonly<Record<PlanKey, number>> = {
  none: 0.2, free: 0.25, starter: 0.35, pro: 0.35, enterprise: 0.4,
};
export const RETURN_AFTER_DAYS = { min: 10, spread: 42 } as const;

export const CHURN_REASONS: Readonly<Record<'unpaid' | 'paid', Weighted<string | null>>> = {
  unpaid: [['not_using', 40], ['missing_features', 20], ['switched_to_competitor', 12], ['poor_experience', 11], ['too_expensive', 7], ['other', 7], [null, 3]],
  paid: [['too_expensive', 30], ['switched_to_competitor', 22], ['missing_features', 19], ['not_using', 15], ['poor_support', 8], ['other', 4], [null, 2]],
};

/** Daily chance that a living user is active on a weekday, before the per-user multiplier. */
export const DAILY_ACTIVE: Readonly<Record<PlanKey, number>> = {
  none: 0.2, free: 0.25, starter: 0.36, pro: 0.45, enterprise: 0.55,
};
/** Saturday/Sunday multipliers: work tools are quiet at weekends, free users less so. */
export const WEEKEND: Readonly<Record<'unpaid' | 'paid', readonly [number, number]>> = {
  unpaid: [0.62, 0.55],
  paid: [0.42, 0.36],
};

export const FEATURES_BY_PLAN: Readonly<Record<PlanKey, Weighted<string>>> = {
  none: [['dashboard', 34], ['reports', 18], ['editor', 26], ['templates', 16], ['integrations', 6]],
  free: [['dashboard', 32], ['reports', 18], ['editor', 26], ['templates', 16], ['integrations', 6], ['automation', 2]],
  starter: [['dashboard', 26], ['reports', 19], ['editor', 22], ['templates', 12], ['integrations', 11], ['automation', 8], ['api', 2]],
  pro: [['dashboard', 20], ['reports', 18], ['editor', 18], ['templates', 8], ['integrations', 14], ['automation', 14], ['api', 8]],
  enterprise: [['dashboard', 16], ['reports', 18], ['editor', 14], ['templates', 6], ['integrations', 16], ['automation', 16], ['api', 14]],
};

export const FEATURE_CATEGORY: Readonly<Record<string, string>> = {
  dashboard: 'analytics', reports: 'analytics', editor: 'content', templates: 'content',
  integrations: 'platform', api: 'platform', automation: 'workflow',
  search: 'discovery', collaboration: 'social', billing: 'monetization',
};

/** Event mix after a session's first event; upgrades and purchases are rare. */
export const EVENT_MIX: Readonly<Record<PlanKey, Weighted<string>>> = {
  none: [['page_view', 4600], ['feature_use', 2400], ['search', 1100], ['share', 400], ['invite', 250], ['export', 250], ['upgrade', 45], ['purchase', 5]],
  free: [['page_view', 4400], ['feature_use', 2600], ['search', 1100], ['share', 450], ['invite', 300], ['export', 300], ['upgrade', 40], ['purchase', 10]],
  starter: [['page_view', 4200], ['feature_use', 2900], ['search', 1100], ['share', 500], ['invite', 350], ['export', 450], ['upgrade', 28], ['purchase', 30]],
  pro: [['page_view', 3900], ['feature_use', 3200], ['search', 1100], ['share', 550], ['invite', 400], ['export', 600], ['upgrade', 15], ['purchase', 45]],
  enterprise: [['page_view', 3600], ['feature_use', 3400], ['search', 1200], ['share', 600], ['invite', 450], ['export', 700], ['upgrade', 6], ['purchase', 55]],
};

export const PLATFORMS: Readonly<Record<'default' | 'enterprise', Weighted<string>>> = {
  default: [['web', 52], ['ios', 27], ['android', 21]],
  enterprise: [['web', 78], ['ios', 13], ['android', 9]],
};
