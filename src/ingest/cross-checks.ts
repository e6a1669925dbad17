import type { Kind, KindSpec } from './kinds';
import type { Failure, RejectCode } from './rules';
import type { Session } from './session';
import { fractionMicros } from './check-timestamp';
import type { StagedValues } from './validate';

/**
 * The rules that need another table: a users row's plan must be loaded; an
 * event's or churn's user must be loaded and have signed up no later than it
 * happened. `prepare` looks up, in one query, the keys of a chunk of rows that
 * the cache does not know; `check` then judges each row without I/O. The cache
 * is bounded, so memory does not grow with the warehouse or the file.
 */
export interface CrossCheck {
  prepare(session: Session, rows: readonly StagedValues[]): Promise<void>;
  check(values: StagedValues): Failure | null;
}

/** Users (or plans) remembered; past it the cache starts afresh. */
const CACHE_LIMIT = 200_000;

export function crossCheckFor(kind: Kind, spec: KindSpec, cacheLimit = CACHE_LIMIT): CrossCheck | null {
  const index = (name: string) => spec.columns.findIndex((c) => c.name === name);
  switch (kind) {
    case 'plans':
      return null;
    case 'users': {
      const plan = index('plan_id');
      const known = new LookupCache(plan, 'SELECT plan_id AS k, 1 AS v FROM plans WHERE plan_id = ANY($1::text[])', () => true, cacheLimit);
      return {
        prepare: (session, rows) => known.fill(session, rows),
        check: (values) => {
          const id = values[plan];
          return id != null && known.get(id) === null ? { code: 'UNKNOWN_PLAN', message: `plan_id ${id} is not loaded` } : null;
        },
      };
    }
    case 'events':
    case 'churn': {
      const user = index('user_id');
      const [time, code]: [string, RejectCode] = kind === 'events' ? ['occurred_at', 'EVENT_BEFORE_SIGNUP'] : ['churned_at', 'CHURN_BEFORE_SIGNUP'];
      const at = index(time);
      // Signups as the canonical form validation gives times (UTC, to the second) plus microseconds,
      // so most rows are judged by one string comparison.
      const signups = new LookupCache(
        user,
        `SELECT user_id AS k, to_char(signup_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '|' || (extract(microseconds FROM signup_at)::int % 1000000) AS v
         FROM users WHERE user_id = ANY($1::text[])`,
        (v) => ({ second: v.slice(0, 19), micros: Number(v.slice(20)) }),
        cacheLimit,
      );
      return {
        prepare: (session, rows) => signups.fill(session, rows),
        check: (values) => {
          const id = values[user] as string;
          const signup = signups.get(id);
          if (signup === null) return { code: 'UNKNOWN_USER', message: `user_id ${id} is not loaded` };
          const when = values[at] as string;
          const before = when < signup.second || (when.startsWith(signup.second) && fractionMicros(when) < signup.micros);
          return before ? { code, message: `${time} ${when} is before the signup of ${id}` } : null;
        },
      };
    }
  }
}

/** key -> looked-up value, or null for a key the table does not have. */
class LookupCache<T> {
  private readonly known = new Map<string, T | null>();

  constructor(
    private readonly column: number,
    private readonly sql: string,
    private readonly parse: (value: string) => T,
    private readonly limit: number,
  ) {}

  async fill(session: Session, rows: readonly StagedValues[]): Promise<void> {
    let missing = this.missing(rows);
    if (!missing.size) return;
    if (this.known.size + missing.size > this.limit) {
      // Start afresh, and look up every key of these rows, cached before or not.
      this.known.clear();
      missing = this.missing(rows);
    }
    const result = await session.lookup(this.sql, [[...missing]]);
    for (const key of missing) this.known.set(key, null);
    for (const row of result.rows) this.known.set(String(row.k), this.parse(String(row.v)));
  }

  private missing(rows: readonly StagedValues[]): Set<string> {
    const keys = new Set<string>();
    for (const r of rows) {
      const v = r[this.column];
      if (v != null && !this.known.has(v)) keys.add(v);
    }
    return keys;
  }

  get(key: string): T | null {
    return this.known.get(key) ?? null;
  }
}
