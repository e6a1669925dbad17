import { crossCheckFor } from '../../src/ingest/cross-checks';
import { KIND_SPECS } from '../../src/ingest/kinds';
import type { Session } from '../../src/ingest/session';

/** A session whose users table holds u1..u9, all signed up 2026-01-01T00:00:00.5Z; it counts lookups. */
function usersSession() {
  const looked: string[][] = [];
  const answer = async (_text: string, params: readonly unknown[] = []) => {
    const keys = (params[0] as string[]).filter((k) => /^u\d$/.test(k));
    looked.push(params[0] as string[]);
    return { rows: keys.map((k) => ({ k, v: '2026-01-01T00:00:00|500000' })), rowCount: keys.length };
  };
  const session: Session = { query: answer, lookup: answer, copyLines: async () => undefined };
  return { session, looked };
}

const event = (user: string, at = '2026-02-01T00:00:00Z') => ['e', user, at, 'login', null, null, null, null, null];

test('users are looked up once per chunk and cached; a full cache starts afresh without losing a chunk', async () => {
  const { session, looked } = usersSession();
  const check = crossCheckFor('events', KIND_SPECS.events, 3);
  if (!check) throw new Error('events have a cross check');
  await check.prepare(session, [event('u1'), event('u2'), event('u1')]);
  await check.prepare(session, [event('u2'), event('u3')]);
  expect(looked).toEqual([['u1', 'u2'], ['u3']]);
  // u1 and u4 do not fit with u1..u3 cached: the cache is cleared and both are looked up, u1 again.
  await check.prepare(session, [event('u1'), event('u4')]);
  expect(looked[2]).toEqual(['u1', 'u4']);
  expect(check.check(event('u1'))).toBeNull();
  expect(check.check(event('u4'))).toBeNull();
});

test('unknown users and times before signup, to the microsecond', async () => {
  const { session } = usersSession();
  const check = crossCheckFor('events', KIND_SPECS.events);
  if (!check) throw new Error('events have a cross check');
  const rows = [event('u1', '2026-01-01T00:00:00.499999Z'), event('u1', '2026-01-01T00:00:00.5Z'), event('u1', '2025-12-31T23:59:59Z'), event('zz')];
  await check.prepare(session, rows);
  expect(rows.map((r) => check.check(r)?.code ?? 'ok')).toEqual(['EVENT_BEFORE_SIGNUP', 'ok', 'EVENT_BEFORE_SIGNUP', 'UNKNOWN_USER']);
});
