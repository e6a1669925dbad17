import { DAILY_ACTIVE, EVENT_MIX, FEATURE_CATEGORY, FEATURES_BY_PLAN, PLATFORMS, WEEKEND } from './catalog';
import { type Prng } from './prng';
import { HOURS, type Profile } from './profile';
import { DAY_MS, iso, type TimeWindow } from './time';
import { type Row } from './writer';

/**
 * A user's events, day by day in the user's local time: whether they show up
 * (plan, engagement, weekday, tenure), how many sessions, and the events of
 * each session. Events of a session are at most 25 minutes apart and sessions
 * at least 31 minutes apart, so the 30-minute rule of SPEC §3 finds exactly
 * the sessions written here. Nothing happens before signup, at or after churn,
 * or at or after the end of the window. `activity` scales the daily chance of
 * showing up (1 leaves it as drawn; x * 1 is exact, so the output is unchanged).
 */

const MINUTE = 60_000;
const SESSION_GAP_MIN_MS = 31 * MINUTE;
const EVENT_GAP_MAX_MS = 25 * MINUTE;

/** Running counters for ids: events and sessions are numbered across all users. */
export interface Counters {
  events: number;
  sessions: number;
}

export function eventId(n: number): string {
  return `e${String(n).padStart(9, '0')}`;
}

export function sessionId(n: number): string {
  return `s${String(n).padStart(8, '0')}`;
}

export function generateActivity(rng: Prng, p: Profile, window: TimeWindow, ids: Counters, emit: (row: Row) => void, activity = 1): void {
  if (p.silent) return;
  const limitMs = Math.min(p.churnMs ?? window.endMs, window.endMs);
  const offsetMs = p.city.utcOffset * 1000;
  const paid = p.plan === 'starter' || p.plan === 'pro' || p.plan === 'enterprise';
  const [saturday, sunday] = WEEKEND[paid ? 'paid' : 'unpaid'];
  const platforms = PLATFORMS[p.plan === 'enterprise' ? 'enterprise' : 'default'];
  const preferred = rng.pick(platforms);
  const base = DAILY_ACTIVE[p.plan] * p.engage;
  const perSession = 3.2 * Math.sqrt(p.engage);

  // The signup session opens at signup_at; later sessions start on local days after it.
  let lastMs = -Infinity;
  const session = (startMs: number, first: boolean): void => {
    if (startMs < lastMs + SESSION_GAP_MIN_MS || startMs >= limitMs) return;
    const sid = sessionId(++ids.sessions);
    const platform = rng.chance(0.8) ? preferred : rng.pick(platforms);
    const focus = rng.chance(0.7) ? p.feature : rng.pick(FEATURES_BY_PLAN[p.plan]);
    const count = 1 + rng.geometric(1 / (1 + perSession));
    let t = startMs;
    for (let i = 0; i < count && t < limitMs; i++) {
      const type = i > 0 ? rng.pick(EVENT_MIX[p.plan]) : first ? 'signup' : rng.chance(0.55) ? 'login' : 'page_view';
      emit(eventRow(rng, p, type, t, sid, platform, focus, ids));
      lastMs = t;
      t += Math.min(EVENT_GAP_MAX_MS, 3000 + Math.round(rng.exp(75_000) / 1000) * 1000);
    }
  };

  session(p.signupMs, true);
  const firstDay = Math.floor((p.signupMs + offsetMs - window.startMs) / DAY_MS) + 1;
  const starts: number[] = [];
  for (let day = firstDay; ; day++) {
    const midnight = window.startMs + day * DAY_MS - offsetMs;
    if (midnight >= limitMs) break;
    const weekday = new Date(window.startMs + day * DAY_MS).getUTCDay();
    const weekend = weekday === 6 ? saturday : weekday === 0 ? sunday : 1;
    const tenureDays = (midnight - p.signupMs) / DAY_MS;
    const fade = 0.55 + 0.45 * Math.exp(-tenureDays / 45);
    if (!rng.chance(Math.min(0.95, base * weekend * fade * activity))) continue;
    starts.length = 0;
    const n = 1 + rng.geometric(0.55 / Math.min(1.5, Math.sqrt(p.engage)));
    for (let i = 0; i < n; i++) starts.push(midnight + rng.pick(HOURS) * 3_600_000 + rng.int(0, 3599) * 1000);
    starts.sort((a, b) => a - b);
    for (const start of starts) session(start, false);
  }
}

function eventRow(rng: Prng, p: Profile, type: string, t: number, sid: string, platform: string, focus: string, ids: Counters): Row {
  const feature = featureOf(rng, p, type, focus);
  const category = feature === null ? (type === 'page_view' ? 'navigation' : 'account') : (FEATURE_CATEGORY[feature] ?? 'other');
  return [eventId(++ids.events), p.id, iso(t), type, feature, category, platform, sid, JSON.stringify(propertiesOf(rng, p, type, feature))];
}

function featureOf(rng: Prng, p: Profile, type: string, focus: string): string | null {
  switch (type) {
    case 'page_view':
      return rng.chance(0.15) ? null : rng.chance(0.7) ? focus : rng.pick(FEATURES_BY_PLAN[p.plan]);
    case 'feature_use':
      return rng.chance(0.75) ? focus : rng.pick(FEATURES_BY_PLAN[p.plan]);
    case 'search':
      return 'search';
    case 'share':
    case 'invite':
      return 'collaboration';
    case 'export':
      return rng.chance(0.6) ? 'reports' : 'dashboard';
    case 'upgrade':
    case 'purchase':
      return 'billing';
    default:
      return null;
  }
}

type Json = string | number | null;

function propertiesOf(rng: Prng, p: Profile, type: string, feature: string | null): Record<string, Json> {
  const plan = p.plan === 'none' ? null : p.plan;
  switch (type) {
    case 'page_view':
      return { path: `/${feature ?? 'home'}`, load_ms: 120 + rng.int(0, 1799) };
    case 'login':
      return { method: p.plan === 'enterprise' ? rng.pick(LOGIN_ENTERPRISE) : rng.pick(LOGIN) };
    case 'signup':
      return { plan, source: p.source };
    case 'feature_use':
      return { action: rng.pick(ACTIONS), duration_ms: 500 + rng.int(0, 59_000) };
    case 'search':
      return { query_length: rng.int(2, 39), results: rng.int(0, 249) };
    case 'share':
      return { channel: rng.pick([['link', 50], ['email', 30], ['slack', 20]]) };
    case 'invite':
      return { invitees: rng.int(1, 5) };
    case 'export':
      return { format: rng.pick([['csv', 55], ['pdf', 30], ['xlsx', 15]]), rows: rng.int(10, 5009) };
    case 'upgrade':
      return { from_plan: plan, seats: rng.int(1, 10) };
    case 'purchase':
      return { amount: rng.int(500, 49_999) / 100, currency: 'USD', item: rng.pick([['credits', 50], ['addon', 30], ['seats', 20]]) };
    default:
      return {};
  }
}

const LOGIN_ENTERPRISE = [['sso', 70], ['password', 20], ['google', 10]] as const;
const LOGIN = [['password', 50], ['google', 35], ['magic_link', 15]] as const;
const ACTIONS = [['view', 45], ['edit', 30], ['create', 20], ['delete', 5]] as const;
