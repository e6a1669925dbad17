import { createTestApi, type TestApi } from '../support/api';
import { openFixture } from '../support/fixtures';
import { column, rows } from '../support/metrics';

// Hand-computed over test/fixtures/sessions.ts (read its header).
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi(await openFixture('sessions'));
});
afterAll(() => api.pulse.close());

const MAY = 'timeRange: {from: "2026-05-01", to: "2026-05-03"}';

test('sessions by day: a 30:00 gap continues a session, 30:01 starts one; sessions belong to their first event', async () => {
  const r = await rows(api, `${MAY}, grain: DAY`, 'period sessions avgSessionDuration sessionsPerUser activeUsers');
  // May 1: s1 [10:00-10:30] 1800 s, s1 [11:00:01] 0 s, s2 [23:50-00:35] 2700 s; s3's 00:05 event continues an April 30 session.
  // May 2: s2's events continue May 1's session. May 3: s3 [23:40 - 00:30 next day] 3000 s, followed past the range end.
  expect(r).toEqual([
    { period: '2026-05-01T00:00:00+00:00', sessions: 3, avgSessionDuration: 1500, sessionsPerUser: 1, activeUsers: 3 },
    { period: '2026-05-02T00:00:00+00:00', sessions: 0, avgSessionDuration: null, sessionsPerUser: 0, activeUsers: 1 },
    { period: '2026-05-03T00:00:00+00:00', sessions: 1, avgSessionDuration: 3000, sessionsPerUser: 1, activeUsers: 1 },
  ]);
});

test('no grain, and by platform (the first event of a session gives its dimensions)', async () => {
  expect(column(await rows(api, MAY, 'sessions avgSessionDuration sessionsPerUser'), 'sessionsPerUser')).toEqual([1.333333]);
  expect(await rows(api, MAY, 'sessions avgSessionDuration')).toEqual([{ sessions: 4, avgSessionDuration: 1875 }]);
  expect(await rows(api, MAY, 'platform sessions avgSessionDuration')).toEqual([
    { platform: 'android', sessions: 1, avgSessionDuration: 3000 },
    { platform: 'ios', sessions: 1, avgSessionDuration: 0 },
    { platform: 'web', sessions: 2, avgSessionDuration: 2250 },
  ]);
});

test('event filters narrow the events sessions are made of', async () => {
  // web only: s1 [10:00-10:30] 1800 s and s2 2700 s; ios only: s1 [11:00:01] 0 s.
  expect(await rows(api, `${MAY}, where: {platform: {eq: "web"}}`, 'sessions avgSessionDuration')).toEqual([{ sessions: 2, avgSessionDuration: 2250 }]);
  expect(await rows(api, `${MAY}, where: {platform: {eq: "ios"}}`, 'sessions avgSessionDuration')).toEqual([{ sessions: 1, avgSessionDuration: 0 }]);
});

test('sessions in the query timezone (Europe/Berlin, UTC+2)', async () => {
  // Local May 1 = [04-30 22:00Z, 05-01 22:00Z): s3's 23:45Z session (1200 s), s1's two sessions.
  // Local May 2: s2's 23:50Z session. s3's 05-03 23:40Z session starts on local May 4, outside the range.
  const r = await rows(api, `${MAY}, grain: DAY, timezone: "Europe/Berlin"`, 'period sessions avgSessionDuration');
  expect(r).toEqual([
    { period: '2026-05-01T00:00:00+02:00', sessions: 3, avgSessionDuration: 1000 },
    { period: '2026-05-02T00:00:00+02:00', sessions: 1, avgSessionDuration: 2700 },
    { period: '2026-05-03T00:00:00+02:00', sessions: 0, avgSessionDuration: null },
  ]);
});
