import { parseCatalog } from '../../src/catalog';
import type { Catalog } from '../../src/catalog/types';
import { compileMetricQuery, type MartsState, type MartStatus, type MetricQuery, type RefusalReason } from '../../src/compiler';
import { compileLifecycle } from '../../src/compiler/lifecycle';
import { compileRetention } from '../../src/compiler/retention';
import { compileUserList } from '../../src/compiler/users';

// Matching is a pure function of (catalog, marts state, query): every reason a mart is refused, without a database.
const TEXT = `models:
  - name: events
    table: events
    primary_key: event_id
    user_key: user_id
    time: occurred_at
    columns: { event_id: string, user_id: string, occurred_at: timestamp, platform: string, amount: number }
    joins: [{ model: users, column: user_id }]
    sessions: { gap_minutes: 30 }
  - name: users
    table: users
    primary_key: user_id
    user_key: user_id
    time: signup_at
    columns: { user_id: string, signup_at: timestamp, country: string, plan_id: string }
    joins: [{ model: plans, column: plan_id }]
  - name: plans
    table: plans
    primary_key: plan_id
    columns: { plan_id: string, name: string }
  - name: churn
    table: churn
    primary_key: user_id
    user_key: user_id
    time: churned_at
    columns: { user_id: string, churned_at: timestamp }
    joins: [{ model: users, column: user_id }]
  - name: cancellations
    table: cancellations
    primary_key: user_id
    user_key: user_id
    time: cancelled_at
    columns: { user_id: string, cancelled_at: timestamp }
    joins: [{ model: users, column: user_id }]
dimensions:
  - { name: platform, model: events, column: platform }
  - { name: country, model: users, column: country }
  - { name: plan, model: plans, column: name }
metrics:
  - { name: events, kind: count, model: events }
  - { name: active_users, kind: count_distinct, model: events, column: user_id }
  - { name: revenue, kind: sum, model: events, column: amount }
  - { name: dau, kind: daily_mean, model: events, column: user_id }
  - { name: ios_dau, kind: daily_mean, model: events, column: user_id, filter: { platform: { eq: ios } } }
  - { name: wau, kind: trailing_distinct, model: events, column: user_id, window_days: 7 }
  - { name: sessions, kind: session_count, model: events }
  - { name: churn_rate, kind: churn_rate, model: users, churn_model: churn }
  - { name: cancel_rate, kind: churn_rate, model: users, churn_model: cancellations }
analyses:
  - { name: lifecycle, kind: lifecycle, users_model: users, activity_model: events }
  - { name: retention, kind: retention, users_model: users, activity_model: events }
  - { name: users, kind: user_list, users_model: users, activity_model: events }
marts:
  - { name: sessions, kind: sessions, model: events }
  - { name: user_day, kind: user_activity, model: events, grain: day, timezones: [UTC, Europe/Berlin] }
  - { name: user_week, kind: user_activity, model: events, grain: week, timezones: [UTC] }
  - { name: daily_by_country, kind: rollup, source: user_day, dimensions: [country] }
  - { name: user_totals, kind: user_totals, model: events }
  - { name: daily_churn, kind: churn, model: users, churn_model: churn, grain: day, dimensions: [country] }
  - { name: weekly_churn, kind: churn, model: users, churn_model: churn, grain: week, timezones: [UTC, Europe/Berlin], dimensions: [country, plan] }
`;
const catalog: Catalog = parseCatalog([{ path: 'test.yml', text: TEXT }]);

const built = (rows: number, extra: Partial<MartStatus> = {}): MartStatus => ({ hash: '', dataVersion: '7', rows, maxTime: new Date('2026-03-31T12:00:00Z'), ...extra });

/** Every mart built from its current definition at data version 7; sizes decide which is smallest. */
function state(overrides: Record<string, Partial<MartStatus> | null> = {}, enabled = true): MartsState {
  const sizes: Record<string, number> = { sessions: 900, user_day: 1000, user_week: 400, daily_by_country: 60, user_totals: 50, daily_churn: 80, weekly_churn: 30 };
  const marts = new Map<string, MartStatus>();
  for (const mart of catalog.marts.values()) {
    const override = overrides[mart.name];
    if (override === null) continue;
    marts.set(mart.name, built(sizes[mart.name] ?? 1, { hash: mart.hash, ...override }));
  }
  return { enabled, dataVersion: '7', marts };
}

const base: MetricQuery = {
  metrics: ['active_users'],
  dimensions: [],
  timeRange: { from: '2026-03-02', to: '2026-03-29' },
  grain: 'DAY',
  timezone: 'UTC',
  weekStart: 'MONDAY',
  where: null,
  orderBy: [],
  limit: null,
};

const eq = (name: string, value: string) => ({ dimensions: new Map([[name, { eq: value }]]), and: [], or: [] });

/** The source of the query's one step, and the reason each other mart gave. */
function decide(query: Partial<MetricQuery>, marts: MartsState = state()): { source: string; reasons: Record<string, RefusalReason> } {
  const { decisions } = compileMetricQuery(catalog, { ...base, ...query }, { marts });
  expect(decisions).toHaveLength(1);
  const [decision] = decisions;
  return {
    source: decision?.source.kind === 'mart' ? decision.source.mart.name : 'raw',
    reasons: Object.fromEntries((decision?.refusals ?? []).map((r) => [r.mart, r.reason])),
  };
}

describe('a metric step goes to the smallest mart that answers exactly', () => {
  test('distinct users by day: the day rollup (smaller than user_day)', () => {
    expect(decide({})).toEqual({ source: 'daily_by_country', reasons: { user_week: 'GRAIN' } });
  });

  test('MARTS_OFF: PULSE_MARTS=off', () => {
    expect(decide({}, state({}, false)).reasons).toEqual({ user_day: 'MARTS_OFF', user_week: 'MARTS_OFF', daily_by_country: 'MARTS_OFF' });
  });

  test('NOT_BUILT: missing from the warehouse, or built from another definition', () => {
    const { source, reasons } = decide({}, state({ daily_by_country: null, user_day: { hash: 'older definition' } }));
    expect(source).toBe('raw');
    expect(reasons).toMatchObject({ daily_by_country: 'NOT_BUILT', user_day: 'NOT_BUILT' });
  });

  test('STALE: built for another data version', () => {
    expect(decide({}, state({ daily_by_country: { dataVersion: '6' } }))).toMatchObject({ source: 'user_day', reasons: { daily_by_country: 'STALE' } });
  });

  test('TIMEZONE: a zone the mart does not keep', () => {
    expect(decide({ timezone: 'Asia/Tokyo' })).toEqual({ source: 'raw', reasons: { user_day: 'TIMEZONE', user_week: 'TIMEZONE', daily_by_country: 'TIMEZONE' } });
    expect(decide({ timezone: 'Europe/Berlin' }).source).toBe('daily_by_country');
  });

  test('WEEK_START: Sunday weeks from a Monday-week mart', () => {
    const query = { grain: 'WEEK' as const, weekStart: 'SUNDAY' as const, timeRange: { from: '2026-03-01', to: '2026-03-28' } };
    expect(decide(query)).toMatchObject({ source: 'user_day', reasons: { user_week: 'WEEK_START' } });
  });

  test('GRAIN: hours are finer than days; months are not made of weeks; weekly distinct users are not a sum of days', () => {
    expect(decide({ grain: 'HOUR', timeRange: { from: '2026-03-02', to: '2026-03-02' } }).reasons).toEqual({ user_day: 'GRAIN', user_week: 'GRAIN', daily_by_country: 'GRAIN' });
    const monthly = decide({ grain: 'MONTH', timeRange: { from: '2026-03-01', to: '2026-03-31' } });
    expect(monthly).toMatchObject({ source: 'user_day', reasons: { user_week: 'GRAIN', daily_by_country: 'GRAIN' } });
    // Events are a sum of days, so the day rollup serves any grain.
    expect(decide({ metrics: ['events'], grain: 'MONTH', timeRange: { from: '2026-03-01', to: '2026-03-31' } }).source).toBe('daily_by_country');
  });

  test('CLIPPED: a range that does not start and end on week boundaries', () => {
    expect(decide({ grain: 'WEEK', timeRange: { from: '2026-03-02', to: '2026-03-29' } }).source).toBe('user_week');
    expect(decide({ grain: 'WEEK', timeRange: { from: '2026-03-03', to: '2026-03-29' } })).toMatchObject({ source: 'user_day', reasons: { user_week: 'CLIPPED' } });
  });

  test('DIMENSION: an event dimension (one user, many platforms), or one the rollup does not keep', () => {
    expect(decide({ dimensions: ['platform'] }).reasons).toEqual({ user_day: 'DIMENSION', user_week: 'GRAIN', daily_by_country: 'DIMENSION' });
    expect(decide({ where: eq('platform', 'ios') }).source).toBe('raw');
    expect(decide({ dimensions: ['country'] }).source).toBe('daily_by_country');
    expect(decide({ dimensions: ['plan'] })).toMatchObject({ source: 'user_day', reasons: { daily_by_country: 'DIMENSION' } });
    expect(decide({ where: eq('country', 'DE') }).source).toBe('daily_by_country');
  });

  test('METRIC_FILTER and METRIC: rows the mart does not keep apart, columns it does not hold', () => {
    expect(decide({ metrics: ['ios_dau'] }).reasons).toMatchObject({ user_day: 'METRIC_FILTER' });
    expect(decide({ metrics: ['revenue'] })).toMatchObject({ source: 'raw', reasons: { '*': 'METRIC' } });
    // A step with a metric no mart holds is split: the rest still comes from a mart.
    const { decisions, provenance } = compileMetricQuery(catalog, { ...base, metrics: ['revenue', 'events'] }, { marts: state() });
    expect(decisions.map((d) => (d.source.kind === 'mart' ? d.source.mart.name : 'raw'))).toEqual(['daily_by_country', 'raw']);
    expect(provenance).toEqual({ marts: ['daily_by_country'], raw: true });
  });

  test('dau reads days; trailing windows need a row per user and day', () => {
    expect(decide({ metrics: ['dau'], grain: 'WEEK' }).source).toBe('daily_by_country');
    expect(decide({ metrics: ['wau'], grain: 'WEEK' })).toMatchObject({ source: 'user_day', reasons: { user_week: 'GRAIN' } });
  });

  test('NO_SESSIONS: sessions from the sessions mart at any grain, never from a mart without session columns', () => {
    expect(decide({ metrics: ['sessions'], grain: 'HOUR', timeRange: { from: '2026-03-02', to: '2026-03-02' } }).source).toBe('sessions');
    const noSessions = parseCatalog([{ path: 'a.yml', text: TEXT.replace('  - { name: sessions, kind: sessions, model: events }\n', '') }]);
    const marts: MartsState = { enabled: true, dataVersion: '7', marts: new Map([...noSessions.marts.values()].map((m) => [m.name, built(10, { hash: m.hash })])) };
    const { decisions } = compileMetricQuery(noSessions, { ...base, metrics: ['sessions'] }, { marts });
    expect(Object.fromEntries((decisions[0]?.refusals ?? []).map((r) => [r.mart, r.reason]))).toMatchObject({ user_day: 'NO_SESSIONS', daily_by_country: 'NO_SESSIONS' });
  });
});

describe('churn_rate: a churn mart of the same churn records, whole buckets of its grain, its dimensions', () => {
  const churn = { metrics: ['churn_rate'] };
  const weeks = { ...churn, grain: 'WEEK' as const };
  test('days from the day mart, weeks from the week mart', () => {
    expect(decide(churn)).toEqual({ source: 'daily_churn', reasons: { weekly_churn: 'GRAIN' } });
    expect(decide(weeks)).toEqual({ source: 'weekly_churn', reasons: { daily_churn: 'GRAIN' } });
  });

  test('GRAIN: who signed up and churned in one week is not a sum over its days; no grain is one bucket', () => {
    expect(decide({ ...churn, grain: 'MONTH', timeRange: { from: '2026-03-01', to: '2026-03-31' } })).toEqual({ source: 'raw', reasons: { daily_churn: 'GRAIN', weekly_churn: 'GRAIN' } });
    expect(decide({ ...churn, grain: null }).reasons).toEqual({ daily_churn: 'GRAIN', weekly_churn: 'GRAIN' });
  });

  test('CLIPPED, TIMEZONE, WEEK_START', () => {
    expect(decide({ ...weeks, timeRange: { from: '2026-03-03', to: '2026-03-29' } }).reasons).toEqual({ daily_churn: 'GRAIN', weekly_churn: 'CLIPPED' });
    expect(decide({ ...weeks, timezone: 'Europe/Berlin' }).source).toBe('weekly_churn');
    expect(decide({ ...churn, timezone: 'Europe/Berlin' }).reasons).toEqual({ daily_churn: 'TIMEZONE', weekly_churn: 'GRAIN' });
    expect(decide({ ...weeks, weekStart: 'SUNDAY', timeRange: { from: '2026-03-01', to: '2026-03-28' } }).reasons).toEqual({ daily_churn: 'GRAIN', weekly_churn: 'WEEK_START' });
  });

  test('DIMENSION: grouped or filtered by a dimension the mart does not keep', () => {
    expect(decide({ ...churn, dimensions: ['country'] }).source).toBe('daily_churn');
    expect(decide({ ...churn, where: eq('plan', 'Pro') }).reasons).toEqual({ daily_churn: 'DIMENSION', weekly_churn: 'GRAIN' });
    expect(decide({ ...weeks, dimensions: ['plan'], where: eq('country', 'DE') }).source).toBe('weekly_churn');
  });

  test('OTHER_MODEL: a churn_rate over other churn records', () => {
    expect(decide({ metrics: ['cancel_rate'] }).reasons).toEqual({ daily_churn: 'OTHER_MODEL', weekly_churn: 'OTHER_MODEL' });
  });

  test('NOT_BUILT and STALE', () => {
    expect(decide(churn, state({ daily_churn: null })).reasons).toMatchObject({ daily_churn: 'NOT_BUILT' });
    expect(decide(weeks, state({ weekly_churn: { dataVersion: '6' } }))).toMatchObject({ source: 'raw', reasons: { weekly_churn: 'STALE' } });
  });
});

describe('analyses', () => {
  test('lifecycle: weekly buckets from the week mart; event filters stay raw', () => {
    const lifecycle = catalog.analyses.get('lifecycle');
    if (lifecycle?.kind !== 'lifecycle') throw new Error('no lifecycle');
    const query = { timeRange: { from: '2026-03-02', to: '2026-03-29' }, grain: 'WEEK' as const, timezone: 'UTC', weekStart: 'MONDAY' as const, where: null };
    expect(compileLifecycle(catalog, lifecycle, query, { marts: state() }).provenance).toEqual({ marts: ['user_week'], raw: false });
    const filtered = compileLifecycle(catalog, lifecycle, { ...query, where: eq('platform', 'web') }, { marts: state() });
    expect(filtered.decision.refusals.map((r) => r.reason)).toEqual(['DIMENSION', 'DIMENSION']);
  });

  test('retention: activity from a mart for any asOf; an activity filter stays raw', () => {
    const retention = catalog.analyses.get('retention');
    if (retention?.kind !== 'retention') throw new Error('no retention');
    const query = {
      timeRange: { from: '2026-03-02', to: '2026-03-29' }, grain: 'WEEK' as const, timezone: 'UTC', weekStart: 'MONDAY' as const,
      periods: 4, cohortBy: 'SIGNUP' as const, asOf: new Date('2026-03-20T10:00:00Z'), where: null, breakdown: null,
    };
    expect(compileRetention(catalog, retention, query, { marts: state() }).provenance.marts).toEqual(['user_week']);
    expect(compileRetention(catalog, retention, { ...query, where: eq('platform', 'ios') }, { marts: state() }).provenance).toEqual({ marts: [], raw: true });
  });

  test('AS_OF: the users list reads totals only when nothing happened after asOf', () => {
    const users = catalog.analyses.get('users');
    if (users?.kind !== 'user_list') throw new Error('no users');
    const query = { asOf: new Date('2026-04-01T00:00:00Z'), inactiveAfterDays: null, status: null, where: null, first: 10, after: null, orderBy: null, timezone: 'UTC' };
    expect(compileUserList(catalog, users, query, { marts: state() }).provenance.marts).toEqual(['user_totals']);
    const earlier = compileUserList(catalog, users, { ...query, asOf: new Date('2026-03-31T11:59:59Z') }, { marts: state() });
    expect(earlier.decision.refusals.map((r) => r.reason)).toEqual(['AS_OF']);
  });
});

