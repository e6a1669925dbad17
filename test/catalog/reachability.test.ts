import { dimensionReachableFrom, joinPath, metricSubjectModel, parseCatalog } from '../../src/catalog';
import type { BaseMetric, Catalog } from '../../src/catalog/types';
import { BASE_MODELS } from './helpers';

describe('reachability', () => {
  const catalog: Catalog = parseCatalog([
    { path: 'base.yml', text: BASE_MODELS },
    {
      path: 'test.yml',
      text: `dimensions:
  - { name: plan, model: plans, column: name }
  - { name: tenure, model: events, day_bins: { from: users.signup_at, to: occurred_at, bins: [0, 7] } }
metrics:
  - { name: new_users, kind: count, model: users }
`,
    },
  ]);

  it('follows many-to-one joins transitively, never back', () => {
    expect(joinPath(catalog.models, 'events', 'events')).toEqual([]);
    expect(joinPath(catalog.models, 'events', 'plans')?.map((s) => [s.from, s.join.model, s.join.column])).toEqual([
      ['events', 'users', 'user_id'],
      ['users', 'plans', 'plan_id'],
    ]);
    expect(joinPath(catalog.models, 'users', 'events')).toBeNull();
    expect(joinPath(catalog.models, 'nowhere', 'users')).toBeNull();
  });

  it('returns the joins as declared, with their locations', () => {
    const [step] = joinPath(catalog.models, 'events', 'users') ?? [];
    expect(step?.join).toBe(catalog.models.get('events')?.joins[0]);
    expect(step?.join.location).toEqual({ file: 'base.yml', line: 8, column: 13 });
  });

  it('says which dimensions a base model reaches', () => {
    const tenure = catalog.dimensions.get('tenure');
    const plan = catalog.dimensions.get('plan');
    if (!tenure || !plan) throw new Error('missing dimensions');
    expect(dimensionReachableFrom(catalog, tenure, 'events')).toBe(true);
    expect(dimensionReachableFrom(catalog, tenure, 'users')).toBe(false);
    expect(dimensionReachableFrom(catalog, plan, 'events')).toBe(true);
    expect(metricSubjectModel(catalog.metrics.get('new_users') as BaseMetric)).toBe('users');
  });
});
