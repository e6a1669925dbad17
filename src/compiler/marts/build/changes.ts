/**
 * What a load changed, as temporary tables of the loading transaction, for
 * the incremental refresh of marts (refresh/run.ts fills and drops them):
 *
 * pulse_changed_events   user_id, day (UTC), n, min_at, max_at: the loaded
 *                        activity rows, per user and UTC day (ingest fills it).
 * pulse_session_changes  user_id, started_at: sessions removed or added by
 *                        the sessions refresh, whose start buckets change.
 * pulse_activity_delta   mart, tz, week_start, user_id, bucket, sign, events,
 *                        sessions, session_seconds, first_at, last_at: each
 *                        user_activity row the refresh replaced (-1) and each
 *                        it wrote (+1). Marts summed from a user_activity mart
 *                        apply it instead of summing touched buckets again.
 *                        A load only adds rows, so a (user, bucket) row never
 *                        goes away: those with a +1 and no -1 are new.
 */
import { sql, type RawBuilder } from 'kysely';

export const CHANGED_EVENTS = 'pulse_changed_events';
export const SESSION_CHANGES = 'pulse_session_changes';
export const ACTIVITY_DELTA = 'pulse_activity_delta';

export const CHANGED_EVENTS_COLUMNS = ['user_id', 'day', 'n', 'min_at', 'max_at'] as const;

export function createChangesSql(): RawBuilder<unknown>[] {
  return [
    sql`CREATE TEMP TABLE IF NOT EXISTS ${sql.table(CHANGED_EVENTS)} (user_id text NOT NULL, day date NOT NULL, n bigint NOT NULL, min_at timestamptz NOT NULL, max_at timestamptz NOT NULL) ON COMMIT DROP`,
    sql`CREATE TEMP TABLE IF NOT EXISTS ${sql.table(SESSION_CHANGES)} (user_id text NOT NULL, started_at timestamptz NOT NULL) ON COMMIT DROP`,
    sql`CREATE TEMP TABLE IF NOT EXISTS ${sql.table(ACTIVITY_DELTA)} (mart text NOT NULL, tz text NOT NULL, week_start text NOT NULL, user_id text NOT NULL, bucket date NOT NULL,
  sign integer NOT NULL, events bigint NOT NULL, sessions bigint NOT NULL, session_seconds numeric NOT NULL, first_at timestamptz NOT NULL, last_at timestamptz NOT NULL) ON COMMIT DROP`,
    // Each mart summed from one reads one (mart, zone) slice of it.
    sql`CREATE INDEX IF NOT EXISTS pulse_activity_delta_slice ON ${sql.table(ACTIVITY_DELTA)} (mart, tz, week_start, user_id, bucket)`,
  ];
}
