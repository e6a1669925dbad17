import { Prng } from './prng';
import { type Profile } from './profile';
import { DAY_MS, iso } from './time';
import { type FileKind, type Row, type RowWriter } from './writer';

/**
 * Deliberately bad rows, mixed into the good ones when --bad-rows SHARE > 0:
 * after each good row, with probability SHARE, one bad row of the file's next
 * kind (round robin), and at the end of each file one of every kind that has
 * not come up yet, so every kind is present however small the data. Bad rows
 * use their own PRNG stream and their own ids (u_bad_*, u_unknown_*, e_bad_*),
 * so the good rows are the same with or without them. The kinds, by file:
 *
 * - missing_required       plans: name empty; users: signup_at empty;
 *                          events: event_type empty; churn: churned_at empty
 * - bad_timestamp          users.signup_at, events.occurred_at, churn.churned_at:
 *                          "not-a-date", "2026-13-01T00:00:00Z", "31/12/2025 10:00"
 * - bad_number             plans.monthly_price "twelve"
 * - negative_price         plans.monthly_price "-19.00"
 * - bad_id                 users.user_id with leading and trailing spaces (" u_bad_* ")
 * - timestamp_out_of_range users.signup_at in 1969 (before 1970-01-01)
 * - field_too_long         events.feature of 300 characters (the limit is 255)
 * - unknown_plan           users.plan_id "platinum"
 * - unknown_user           events.user_id and churn.user_id "u_unknown_*" (no such user)
 * - event_before_signup    an event of a real user 1 hour to 5 days before their signup_at
 * - churn_before_signup    a churn of a real user 1 hour to 5 days before their signup_at
 * - properties_not_object  events.properties [1,2,3], "clicked", 42, or invalid JSON
 * - value_outside_set      events.platform "tv" or "smartwatch" (accepted: web, ios, android)
 * - future_timestamp       users.signup_at, events.occurred_at, churn.churned_at in 2099
 * - duplicate_key          an exact copy of an earlier good row (same plan_id, user_id,
 *                          event_id, or churn row): a key seen earlier in the same file
 */

export const BAD_KINDS = {
  plans: ['missing_required', 'bad_number', 'negative_price', 'duplicate_key'],
  users: ['missing_required', 'bad_timestamp', 'unknown_plan', 'future_timestamp', 'bad_id', 'timestamp_out_of_range', 'duplicate_key'],
  events: [
    'missing_required', 'bad_timestamp', 'unknown_user', 'event_before_signup',
    'properties_not_object', 'value_outside_set', 'future_timestamp', 'field_too_long', 'duplicate_key',
  ],
  churn: ['missing_required', 'bad_timestamp', 'unknown_user', 'churn_before_signup', 'future_timestamp', 'duplicate_key'],
} as const satisfies Record<FileKind, readonly string[]>;

export type BadKind = (typeof BAD_KINDS)[FileKind][number];

const BAD_TIMESTAMPS = ['not-a-date', '2026-13-01T00:00:00Z', '31/12/2025 10:00'];
const NOT_OBJECTS = ['[1,2,3]', '"clicked"', '42', '{"path": "/home"'];
const FUTURE_MS = Date.UTC(2099, 0, 1);

/** The context a bad row is made from: the current user and the file's last good row. */
export interface BadContext {
  readonly profile: Profile;
  readonly last: Row;
  /** False while the file has no good row yet: nothing to duplicate. */
  readonly hasLast: boolean;
}

export class BadRows {
  private readonly rng: Prng;
  private serial = 0;
  readonly counts: Record<FileKind, Map<BadKind, number>> = { plans: new Map(), users: new Map(), events: new Map(), churn: new Map() };
  private readonly turn: Record<FileKind, number> = { plans: 0, users: 0, events: 0, churn: 0 };

  constructor(seed: number, readonly share: number) {
    this.rng = new Prng(seed, 0x7fffffff);
  }

  /** Maybe writes one bad row after a good one. */
  maybe(writer: RowWriter, ctx: BadContext): void {
    if (this.share <= 0 || !this.rng.chance(this.share)) return;
    const kinds: readonly BadKind[] = BAD_KINDS[writer.kind];
    const kind = kinds[this.turn[writer.kind]++ % kinds.length];
    if (kind && (kind !== 'duplicate_key' || ctx.hasLast)) this.write(writer, kind, ctx);
  }

  /** Writes one row of each kind the file has not had yet. */
  complete(writer: RowWriter, ctx: BadContext): void {
    if (this.share <= 0) return;
    for (const kind of BAD_KINDS[writer.kind] as readonly BadKind[]) {
      if (!this.counts[writer.kind].has(kind) && (kind !== 'duplicate_key' || ctx.hasLast)) this.write(writer, kind, ctx);
    }
  }

  private write(writer: RowWriter, kind: BadKind, ctx: BadContext): void {
    writer.add(this.make(writer.kind, kind, ctx));
    const counts = this.counts[writer.kind];
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }

  private make(file: FileKind, kind: BadKind, { profile, last }: BadContext): Row {
    const n = ++this.serial;
    const row = [...last];
    const pad = String(n).padStart(6, '0');
    const timeColumn = file === 'users' || file === 'churn' ? 1 : 2;
    const before = () => iso(profile.signupMs - this.rng.int(3600, 5 * 86400) * 1000);
    switch (kind) {
      case 'duplicate_key':
        return row;
      case 'missing_required':
        row[file === 'events' ? 3 : 1] = null;
        break;
      case 'bad_timestamp':
        row[timeColumn] = this.rng.pickOne(BAD_TIMESTAMPS);
        break;
      case 'future_timestamp':
        row[timeColumn] = iso(FUTURE_MS + this.rng.int(0, 365) * DAY_MS);
        break;
      case 'bad_number':
        row[3] = 'twelve';
        break;
      case 'negative_price':
        row[3] = '-19.00';
        break;
      case 'bad_id':
        row[1] = iso(profile.signupMs);
        return [` u_bad_${pad} `, ...row.slice(1)];
      case 'timestamp_out_of_range':
        row[1] = iso(Date.UTC(1969, 6, 20, 20, 17, 40));
        break;
      case 'field_too_long':
        row[4] = 'x'.repeat(300);
        break;
      case 'unknown_plan':
        row[6] = 'platinum';
        break;
      case 'unknown_user':
        row[file === 'events' ? 1 : 0] = `u_unknown_${pad}`;
        break;
      case 'event_before_signup':
        row[1] = profile.id;
        row[2] = before();
        break;
      case 'churn_before_signup':
        return [profile.id, before(), 'other'];
      case 'properties_not_object':
        row[8] = this.rng.pickOne(NOT_OBJECTS);
        break;
      case 'value_outside_set':
        row[6] = this.rng.chance(0.5) ? 'tv' : 'smartwatch';
        break;
    }
    // A fresh key, so the row is rejected for its own reason and never taken for a duplicate.
    if (file === 'events') row[0] = `e_bad_${pad}`;
    else if (file === 'users') row[0] = `u_bad_${pad}`;
    else if (file === 'plans') row[0] = `bad_plan_${pad}`;
    return row;
  }
}
