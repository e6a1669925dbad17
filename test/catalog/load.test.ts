import { loadCatalog, parseCatalog } from '../../src/catalog';
import type { Catalog } from '../../src/catalog/types';

describe('loadCatalog(metrics/)', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog('metrics');
  });

  it('loads every definition of the real folder', () => {
    expect([...catalog.models.keys()]).toEqual(['events', 'users', 'plans', 'churn']);
    expect(catalog.dimensions.size).toBe(11);
    // engagement.yml has 7 metrics and growth.yml 4.
    expect([...catalog.metrics.keys()]).toEqual([
      'events', 'active_users', 'dau', 'wau', 'mau', 'stickiness', 'engagement_frequency',
      'new_users', 'churned_users', 'churn_rate', 'inactive_users',
    ]);
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
    expect(catalog.models.get('users')?.location).toEqual({ file: 'metrics/models.yml', line: 24, column: 5 });
    expect(catalog.models.get('events')?.joins[0]?.location).toEqual({ file: 'metrics/models.yml', line: 21, column: 9 });
    expect(catalog.metrics.get('dau')?.location).toEqual({ file: 'metrics/engagement.yml', line: 14, column: 5 });
    expect(catalog.models.get('plans')).toMatchObject({ description: 'Subscription plans.', userKey: null, timeColumn: null });
  });

  it('freezes everything and hashes definitions, not locations', () => {
    const dau = catalog.metrics.get('dau');
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(dau)).toBe(true);
    expect(Object.isFrozen(catalog.dimensions.get('tenure')?.models)).toBe(true);
    expect(catalog.hash).toMatch(/^[0-9a-f]{64}$/);

    const text = 'models:\n  - { name: m, table: t, primary_key: id, time: at, columns: { id: string, at: timestamp } }\n';
    const moved = parseCatalog([{ path: 'b.yml', text: `\n\n${text}` }]);
    expect(moved.hash).toBe(parseCatalog([{ path: 'a.yml', text }]).hash);
    const changed = parseCatalog([{ path: 'a.yml', text: text.replace('table: t', 'table: u') }]);
    expect(changed.hash).not.toBe(moved.hash);
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
