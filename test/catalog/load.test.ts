import { loadCatalog, parseCatalog } from '../../src/catalog';
import type { Catalog } from '../../src/catalog/types';
import { shippedCatalog, shippedMetricsDir } from '../support/shipped';

describe('loadCatalog(metrics/)', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    // The shipped files (a metric a user adds to metrics/ would change these lists), and the folder read of them equal.
    catalog = shippedCatalog();
    const loaded = await loadCatalog(shippedMetricsDir());
    expect([...loaded.metrics.keys(), ...loaded.dimensions.keys(), ...loaded.marts.keys()]).toEqual([...catalog.metrics.keys(), ...catalog.dimensions.keys(), ...catalog.marts.keys()]);
  });

  it('loads every definition of the shipped folder', () => {
    expect([...catalog.models.keys()]).toEqual(['events', 'users', 'plans', 'churn']);
    expect(catalog.dimensions.size).toBe(12);
    // engagement.yml has 7 metrics, growth.yml 4 and sessions.yml 3 (files load in path order).
    expect([...catalog.metrics.keys()]).toEqual([
      'events', 'active_users', 'dau', 'wau', 'mau', 'stickiness', 'engagement_frequency',
      'new_users', 'churned_users', 'churn_rate', 'inactive_users',
      'sessions', 'avg_session_duration', 'sessions_per_user',
    ]);
    expect([...catalog.analyses.keys()]).toEqual(['retention', 'lifecycle', 'funnel', 'conversion', 'users']);
  });

  it('derives sessions from events and normalises every analysis kind', () => {
    expect(catalog.models.get('events')?.sessions).toEqual({ gapMinutes: 30 });
    expect(catalog.models.get('users')?.sessions).toBeNull();
    expect(catalog.metrics.get('sessions')).toMatchObject({ kind: 'session_count', model: 'events', filter: null });
    expect(catalog.metrics.get('avg_session_duration')).toMatchObject({ kind: 'session_duration', model: 'events' });
    expect(catalog.metrics.get('sessions_per_user')).toMatchObject({ kind: 'derived', exprText: 'sessions / active_users' });
    const models = { usersModel: 'users', activityModel: 'events' };
    expect(catalog.analyses.get('retention')).toMatchObject({ ...models, kind: 'retention', defaultPeriods: 8 });
    expect(catalog.analyses.get('lifecycle')).toMatchObject({ ...models, kind: 'lifecycle' });
    expect(catalog.analyses.get('funnel')).toMatchObject({ ...models, kind: 'funnel', stepDimension: 'event_type', defaultWindowDays: 7 });
    expect(catalog.analyses.get('conversion')).toMatchObject({ kind: 'conversion', goalDimension: 'event_type', defaultGoal: 'purchase' });
    expect(catalog.analyses.get('users')).toMatchObject({ kind: 'user_list', planDimension: 'plan', defaultInactiveAfterDays: 30 });
    expect(catalog.analyses.get('retention')?.location).toEqual({ file: 'metrics/analyses.yml', line: 4, column: 5 });
    expect(catalog.analyses.get('funnel')?.description).toMatch(/^An ordered funnel/);
  });

  it('normalises dimensions: every model read, owner first, explicit column refs', () => {
    const tenure = catalog.dimensions.get('tenure');
    expect(tenure?.models).toEqual(['events', 'users']);
    expect(tenure?.expr).toEqual({
      kind: 'day_bins',
      from: { model: 'users', column: 'signup_at' },
      to: { model: 'events', column: 'occurred_at' },
      bins: [0, 7, 30, 90, 180],
    });
    expect(catalog.dimensions.get('plan')?.expr).toEqual({ kind: 'column', column: { model: 'plans', column: 'name' } });
    expect(catalog.dimensions.get('signup_month')?.expr).toEqual({
      kind: 'calendar',
      column: { model: 'users', column: 'signup_at' },
      part: 'month',
    });
  });

  it('normalises metrics per kind', () => {
    expect(catalog.metrics.get('stickiness')).toMatchObject({ kind: 'ratio', numerator: 'dau', denominator: 'mau' });
    expect(catalog.metrics.get('mau')).toMatchObject({ kind: 'trailing_distinct', model: 'events', column: 'user_id', windowDays: 30, filter: null });
    expect(catalog.metrics.get('events')).toMatchObject({ kind: 'count', column: null, percentile: null });
    expect(catalog.metrics.get('churn_rate')).toMatchObject({ kind: 'churn_rate', model: 'users', churnModel: 'churn' });
    expect(catalog.metrics.get('engagement_frequency')).toMatchObject({
      kind: 'derived',
      exprText: 'events / active_users',
      expr: { kind: 'binary', op: '/', left: { kind: 'metric', name: 'events' }, right: { kind: 'metric', name: 'active_users' } },
    });
  });

  it('keeps file:line:column of definitions and joins', () => {
    expect(catalog.models.get('users')?.location).toEqual({ file: 'metrics/models.yml', line: 26, column: 5 });
    expect(catalog.models.get('events')?.joins[0]?.location).toEqual({ file: 'metrics/models.yml', line: 21, column: 9 });
    expect(catalog.metrics.get('dau')?.location).toEqual({ file: 'metrics/engagement.yml', line: 14, column: 5 });
    expect(catalog.models.get('plans')).toMatchObject({ description: 'Subscription plans.', userKey: null, timeColumn: null });
  });

  it('freezes everything and hashes definitions, not locations', () => {
    const dau = catalog.metrics.get('dau');
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(dau)).toBe(true);
    expect(Object.isFrozen(catalog.dimensions.get('tenure')?.models)).toBe(true);
    expect(Object.isFrozen(catalog.analyses.get('users'))).toBe(true);
    expect(Object.isFrozen(catalog.models.get('events')?.sessions)).toBe(true);
    expect(catalog.hash).toMatch(/^[0-9a-f]{64}$/);

    const text = 'models:\n  - { name: m, table: t, primary_key: id, time: at, columns: { id: string, at: timestamp } }\n';
    const moved = parseCatalog([{ path: 'b.yml', text: `\n\n${text}` }]);
    expect(moved.hash).toBe(parseCatalog([{ path: 'a.yml', text }]).hash);
    const changed = parseCatalog([{ path: 'a.yml', text: text.replace('table: t', 'table: u') }]);
    expect(changed.hash).not.toBe(moved.hash);
    const analysis = 'analyses:\n  - { name: l, kind: lifecycle, users_model: m, activity_model: m }\n';
    const withActivity = text.replace('time: at,', 'user_key: id, time: at,');
    const analysed = parseCatalog([{ path: 'a.yml', text: withActivity }, { path: 'c.yml', text: analysis }]);
    expect(analysed.hash).not.toBe(parseCatalog([{ path: 'a.yml', text: withActivity }]).hash);
  });

  it('defaults description to empty and accepts empty lists and files', () => {
    const catalog = parseCatalog([
      { path: 'a.yml', text: '# nothing yet\n' },
      { path: 'b.yml', text: 'metrics:\n' },
      { path: 'c.yml', text: 'models:\n  - { name: m, table: t, primary_key: id, columns: { id: string } }\n' },
    ]);
    expect(catalog.models.get('m')?.description).toBe('');
  });
});
