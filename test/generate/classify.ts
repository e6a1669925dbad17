import { type BadKind, type FileKind } from '../../src/ingest/generate';
import { type Record_ } from './read-back';

/**
 * An independent judge of generated rows: each row is either good (null) or
 * bad for the first reason found, checked like the ingest would check it.
 * Files are classified in load order (plans, users, events, churn) so a
 * reference is checked against the good rows of the files before it.
 */

const REQUIRED: Readonly<Record<FileKind, readonly string[]>> = {
  plans: ['plan_id', 'name'],
  users: ['user_id', 'signup_at'],
  events: ['event_id', 'user_id', 'occurred_at', 'event_type'],
  churn: ['user_id', 'churned_at'],
};
const TIME: Readonly<Record<FileKind, string | null>> = { plans: null, users: 'signup_at', events: 'occurred_at', churn: 'churned_at' };
const PLATFORMS = new Set(['web', 'ios', 'android']);
const NUMBER = /^-?\d+(\.\d+)?$/;
const IDS = ['plan_id', 'user_id', 'event_id'];
const BAD_ID = /^\s|\s$|[\x00-\x1f]/;

export class Judge {
  readonly plans = new Set<string>();
  /** Good users: id -> signup ms. */
  readonly users = new Map<string, number>();
  private readonly seen: Record<FileKind, Set<string>> = { plans: new Set(), users: new Set(), events: new Set(), churn: new Set() };

  constructor(private readonly nowMs: number) {}

  classify(kind: FileKind, r: Record_): BadKind | null {
    const verdict = this.verdict(kind, r);
    const key = this.key(kind, r);
    if (verdict === null) {
      if (this.seen[kind].has(key)) return 'duplicate_key';
      this.seen[kind].add(key);
      if (kind === 'plans' && r.plan_id) this.plans.add(r.plan_id);
      if (kind === 'users' && r.user_id && r.signup_at) this.users.set(r.user_id, Date.parse(r.signup_at));
    }
    return verdict;
  }

  private key(kind: FileKind, r: Record_): string {
    if (kind === 'churn') return `${r.user_id}|${r.churned_at}`;
    return String(kind === 'plans' ? r.plan_id : kind === 'users' ? r.user_id : r.event_id);
  }

  private verdict(kind: FileKind, r: Record_): BadKind | null {
    if (REQUIRED[kind].some((c) => r[c] === null)) return 'missing_required';
    if (IDS.some((c) => BAD_ID.test(r[c] ?? ''))) return 'bad_id';
    if (Object.entries(r).some(([c, v]) => c !== 'properties' && (v ?? '').length > 255)) return 'field_too_long';
    const column = TIME[kind];
    const t = column ? Date.parse(r[column] ?? '') : 0;
    if (Number.isNaN(t)) return 'bad_timestamp';
    if (t < 0) return 'timestamp_out_of_range';
    if (kind === 'plans' && r.monthly_price != null && !NUMBER.test(r.monthly_price)) return 'bad_number';
    if (kind === 'plans') return Number(r.monthly_price) < 0 ? 'negative_price' : null;
    if (kind === 'users') {
      if (r.plan_id != null && !this.plans.has(r.plan_id)) return 'unknown_plan';
      return t > this.nowMs ? 'future_timestamp' : null;
    }
    const signup = this.users.get(r.user_id ?? '');
    if (signup === undefined) return 'unknown_user';
    if (t > this.nowMs) return 'future_timestamp';
    if (t < signup) return kind === 'events' ? 'event_before_signup' : 'churn_before_signup';
    if (kind === 'churn') return null;
    if (r.properties != null && !isObject(r.properties)) return 'properties_not_object';
    if (r.platform != null && !PLATFORMS.has(r.platform)) return 'value_outside_set';
    return null;
  }
}

function isObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}
